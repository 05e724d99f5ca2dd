using System.Globalization;
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

internal sealed class TraceSink : IRowSink<TraceRow>, IDisposable
{
    private readonly int _projectId;
    private readonly PipelineVersionLookup _versions;
    private readonly RollupDeltas _rollups;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _transaction;
    private readonly SqliteCommand _insert, _existing;

    public TraceSink(SqliteConnection connection, SqliteTransaction? transaction, int projectId)
    {
        _connection = connection;
        _transaction = transaction;
        _projectId = projectId;
        _versions = new PipelineVersionLookup(connection, transaction, projectId);
        _rollups = new RollupDeltas(projectId);
        _insert = SqliteCommands.Prepare(connection, transaction, """
            INSERT INTO ProductionTraces (ProjectId, TraceId, Timestamp, PipelineVersionId, Input, Output, Category, MetadataJson)
            VALUES ($p, $id, $t, $v, $in, $out, $cat, $meta)
            ON CONFLICT (ProjectId, TraceId) DO NOTHING
            """, "$p", "$id", "$t", "$v", "$in", "$out", "$cat", "$meta");
        _existing = SqliteCommands.Prepare(connection, transaction, """
            SELECT t.Timestamp, v.Version, t.Input, t.Output, t.Category, t.MetadataJson
            FROM ProductionTraces t LEFT JOIN PipelineVersions v ON v.Id = t.PipelineVersionId
            WHERE t.ProjectId = $p AND t.TraceId = $id
            """, "$p", "$id");
    }

    public string IdField => "traceId";

    public string IdOf(TraceRow row) => row.TraceId;

    public IReadOnlyList<string> PreviewColumns { get; } = ["traceId", "timestamp", "version", "category", "input"];

    public IReadOnlyList<string> PreviewCells(TraceRow row) =>
        [row.TraceId, row.Timestamp.ToString("u", CultureInfo.InvariantCulture), row.Version ?? "", row.Category ?? "", row.Input];

    public RowOutcome Check(TraceRow row, out string? difference) => Compare(row, out difference) ?? RowOutcome.Inserted;

    public RowOutcome Store(TraceRow row, out string? difference)
    {
        difference = null;
        int? versionId = row.Version is null ? null : _versions.FindOrCreate(row.Version, row.Timestamp);
        var inserted = _insert.Set("$p", _projectId).Set("$id", row.TraceId).Set("$t", Timestamps.ToStorage(row.Timestamp))
            .Set("$v", versionId).Set("$in", row.Input).Set("$out", row.Output).Set("$cat", row.Category)
            .Set("$meta", row.MetadataJson).ExecuteNonQuery();
        if (inserted == 1)
        {
            _rollups.AddTrace(row.Timestamp);
            return RowOutcome.Inserted;
        }
        return Compare(row, out difference) ?? throw new InvalidOperationException($"Trace {row.TraceId} was neither inserted nor found.");
    }

    /// <summary>Null when no stored trace has this id; otherwise duplicate or conflict, naming the first field that differs.</summary>
    private RowOutcome? Compare(TraceRow row, out string? difference)
    {
        difference = null;
        using var reader = _existing.Set("$p", _projectId).Set("$id", row.TraceId).ExecuteReader();
        if (!reader.Read()) return null;
        difference =
            reader.GetString(0) != Timestamps.ToStorage(row.Timestamp) ? "timestamp differs"
            : reader.GetNullableString(1) != row.Version ? "version differs"
            : reader.GetString(2) != row.Input ? "input differs"
            : reader.GetNullableString(3) != row.Output ? "output differs"
            : reader.GetNullableString(4) != row.Category ? "category differs"
            : reader.GetNullableString(5) != row.MetadataJson ? "metadata differs"
            : null;
        return difference is null ? RowOutcome.Duplicate : RowOutcome.Conflict;
    }

    public void Complete() => _rollups.ApplyTo(_connection, _transaction ?? throw new InvalidOperationException("A dry run completes nothing."));

    public IReadOnlyList<string> CreatedVersions => _versions.Created;

    public void Dispose()
    {
        _insert.Dispose();
        _existing.Dispose();
    }
}
