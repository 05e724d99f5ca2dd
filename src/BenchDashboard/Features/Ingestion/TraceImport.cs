using System.Globalization;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;
using System.Data.Common;
using BenchDashboard.Data;

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

internal sealed class TraceSink(ImportSession session)
    : EventSink<TraceRow>(session, Insert,
        $"""
        SELECT t."TraceId", t."Timestamp", v."Version", t."Input", t."Output", t."Category", t."MetadataJson"
        FROM {session.Dialect.FromRowsAmongIds("ProductionTraces", "t", "@ids")}
        LEFT JOIN "PipelineVersions" v ON v."Id" = t."PipelineVersionId"
        WHERE t."ProjectId" = @p AND {session.Dialect.AmongIds("t", "TraceId", "@ids")}
        """)
{
    internal static readonly BatchInsertSpec Insert = new("ProductionTraces",
    [
        new("ProjectId", typeof(int)), new("TraceId", typeof(string)), new("Timestamp", typeof(DateTime)), new("PipelineVersionId", typeof(int?)),
        new("Input", typeof(string)), new("Output", typeof(string)), new("Category", typeof(string)), new("MetadataJson", typeof(string)),
    ], new OnConflict(["ProjectId", "TraceId"]), KeyColumn: 1);

    private readonly PipelineVersionLookup _versions = new(session);
    private readonly InputLengthDeltas _inputLengths = new(session.ProjectId);

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

    protected override object?[] Values(TraceRow row) =>
    [
        ProjectId, row.TraceId, row.Timestamp, row.Version is null ? null : _versions.FindOrCreate(row.Version, row.Timestamp),
        row.Input, row.Output, row.Category, row.MetadataJson,
    ];

    protected override void Inserted(TraceRow row)
    {
        Rollups.AddTrace(row.Timestamp, row.Category);
        _inputLengths.AddTrace(row.Timestamp, row.Category, row.Input);
        if (!string.IsNullOrEmpty(row.Category)) _categorised[row.TraceId] = row.Category;
        _arrived[row.TraceId] = row.Timestamp;
    }

    protected override void BeforeRollupsApply()
    {
        var perTraceKinds = new HashSet<(string TraceId, FeedbackKind Kind)>();
        foreach (var (traceId, day, kind, value) in TraceCategories.Feedback(Session, _arrived.Keys))
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
        _inputLengths.ApplyTo(Session);
    }

    protected override string? Difference(DbDataReader stored, TraceRow row) =>
        Dialect.ReadTimestamp(stored, 1) != Dialect.AsStored(row.Timestamp) ? "timestamp differs"
        : stored.GetNullableString(2) != row.Version ? "version differs"
        : stored.GetString(3) != row.Input ? "input differs"
        : stored.GetNullableString(4) != row.Output ? "output differs"
        : stored.GetNullableString(5) != row.Category ? "category differs"
        : stored.GetNullableString(6) != row.MetadataJson ? "metadata differs"
        : null;
}
