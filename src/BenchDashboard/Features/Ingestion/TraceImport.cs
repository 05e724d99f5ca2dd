using System.Globalization;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Features.Ingestion;

/// <summary>A production trace as the API receives it (API.md, "POST …/traces").</summary>
public sealed record TraceRow(
    string TraceId, DateTime Timestamp, string? Version, string Input, string? Output, string? Category, string? MetadataJson)
{
    public static TraceRow? Parse(FieldReader f)
    {
        if (!f.RequireObject()) return null;
        var traceId = f.Id("traceId", required: true);
        var timestamp = f.Timestamp("timestamp", required: true);
        var version = f.Id("version", required: false, TextLimits.Category);
        var input = f.Text("input", required: true);
        var output = f.Text("output", required: false);
        var category = f.Id("category", required: false, TextLimits.Category);
        var metadata = f.ObjectJson("metadata");
        return traceId is null || timestamp is null || input is null
            ? null
            : new TraceRow(traceId, timestamp.Value, version, input, output, category, metadata);
    }
}

internal sealed class TraceSink(SqliteConnection connection, SqliteTransaction? transaction, int projectId)
    : EventSink<TraceRow>(connection, transaction, projectId,
        """
        INSERT INTO ProductionTraces (ProjectId, TraceId, Timestamp, PipelineVersionId, Input, Output, Category, MetadataJson)
        VALUES ($p, $id, $t, $v, $in, $out, $cat, $meta)
        ON CONFLICT (ProjectId, TraceId) DO NOTHING
        """, ["$p", "$id", "$t", "$v", "$in", "$out", "$cat", "$meta"],
        """
        SELECT t.Timestamp, v.Version, t.Input, t.Output, t.Category, t.MetadataJson
        FROM ProductionTraces t LEFT JOIN PipelineVersions v ON v.Id = t.PipelineVersionId
        WHERE t.ProjectId = $p AND t.TraceId = $id
        """)
{
    private readonly PipelineVersionLookup _versions = new(connection, transaction, projectId);
    private readonly InputLengthDeltas _inputLengths = new(projectId);

    // Feedback that arrived before its trace was counted under no category; it moves to the trace's category once
    // the request's traces are stored, looked up for all of them at once.
    private readonly Dictionary<string, string> _categorised = new(StringComparer.Ordinal);

    // Every trace stored by this request, with its time: feedback that came before it joins its per-trace counts now.
    private readonly Dictionary<string, DateTime> _arrived = new(StringComparer.Ordinal);

    public override string IdField => "traceId";

    public override string IdOf(TraceRow row) => row.TraceId;

    public override IReadOnlyList<string> PreviewColumns { get; } = ["traceId", "timestamp", "version", "category", "input"];

    public override IReadOnlyList<string> PreviewCells(TraceRow row) =>
        [row.TraceId, row.Timestamp.ToString("u", CultureInfo.InvariantCulture), row.Version ?? "", row.Category ?? "", row.Input];

    protected override bool TryInsert(TraceRow row)
    {
        int? versionId = row.Version is null ? null : _versions.FindOrCreate(row.Version, row.Timestamp);
        var inserted = Insert.Set("$p", ProjectId).Set("$id", row.TraceId).Set("$t", Timestamps.ToStorage(row.Timestamp))
            .Set("$v", versionId).Set("$in", row.Input).Set("$out", row.Output).Set("$cat", row.Category)
            .Set("$meta", row.MetadataJson).ExecuteNonQuery() == 1;
        if (!inserted) return false;
        Rollups.AddTrace(row.Timestamp, row.Category);
        _inputLengths.AddTrace(row.Timestamp, row.Category, row.Input);
        if (!string.IsNullOrEmpty(row.Category)) _categorised[row.TraceId] = row.Category;
        _arrived[row.TraceId] = row.Timestamp;
        return true;
    }

    protected override void BeforeRollupsApply(SqliteConnection connection, SqliteTransaction transaction)
    {
        var perTraceKinds = new HashSet<(string TraceId, FeedbackKind Kind)>();
        foreach (var (traceId, day, kind, value) in TraceCategories.Feedback(connection, transaction, ProjectId, _arrived.Keys))
        {
            if (_categorised.TryGetValue(traceId, out var category)) Rollups.MoveFeedback(day.ToDateTime(TimeOnly.MinValue), category, kind, value);
            // The event was left out of per-trace rates while its trace was unknown; now the trace counts it (once per kind).
            Rollups.RemoveUnknownTraceFeedback(day.ToDateTime(TimeOnly.MinValue), kind);
            if (DailyRollup.IsPerTrace(kind)) perTraceKinds.Add((traceId, kind));
        }
        foreach (var (traceId, kind) in perTraceKinds)
        {
            Rollups.AddTraceWith(_arrived[traceId], _categorised.GetValueOrDefault(traceId), kind);
        }
        _categorised.Clear();
        _arrived.Clear();
        _inputLengths.ApplyTo(connection, transaction);
    }

    protected override string? Difference(SqliteDataReader stored, TraceRow row) =>
        stored.GetString(0) != Timestamps.ToStorage(row.Timestamp) ? "timestamp differs"
        : stored.GetNullableString(1) != row.Version ? "version differs"
        : stored.GetString(2) != row.Input ? "input differs"
        : stored.GetNullableString(3) != row.Output ? "output differs"
        : stored.GetNullableString(4) != row.Category ? "category differs"
        : stored.GetNullableString(5) != row.MetadataJson ? "metadata differs"
        : null;
}
