using System.Globalization;
using BenchDashboard.Domain;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Features.Ingestion;

/// <summary>A user-feedback event as the API receives it (API.md, "POST …/feedback").</summary>
public sealed record FeedbackRow(string EventId, string? TraceId, DateTime Timestamp, FeedbackKind Kind, double? Value)
{
    /// <summary>The API's kind names (snake_case) and the stored enum.</summary>
    public static readonly IReadOnlyDictionary<string, FeedbackKind> Kinds = new Dictionary<string, FeedbackKind>(StringComparer.Ordinal)
    {
        ["thumbs_up"] = FeedbackKind.ThumbsUp,
        ["thumbs_down"] = FeedbackKind.ThumbsDown,
        ["csat"] = FeedbackKind.Csat,
        ["rewrite"] = FeedbackKind.Rewrite,
        ["retry"] = FeedbackKind.Retry,
        ["undo"] = FeedbackKind.Undo,
        ["format_error"] = FeedbackKind.FormatError,
    };

    public static string ApiName(FeedbackKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static FeedbackRow? Parse(FieldReader f)
    {
        if (!f.RequireObject()) return null;
        var eventId = f.Id("eventId", required: true);
        var traceId = f.Id("traceId", required: false);
        var timestamp = f.Timestamp("timestamp", required: true);
        var kindName = f.Id("kind", required: true, 32);
        FeedbackKind? kind = null;
        if (kindName is not null)
        {
            if (Kinds.TryGetValue(kindName, out var k)) kind = k;
            else f.Error("kind", $"'{kindName}' is not one of {string.Join(", ", Kinds.Keys)}");
        }
        // CSAT needs its score; the other kinds carry no value, so whatever was sent is ignored.
        var value = kind == FeedbackKind.Csat ? f.Number("value", required: true, min: 1, max: 5) : null;
        return eventId is null || timestamp is null || kind is null || kind == FeedbackKind.Csat && value is null
            ? null
            : new FeedbackRow(eventId, traceId, timestamp.Value, kind.Value, value);
    }
}

internal sealed class FeedbackSink : IRowSink<FeedbackRow>, IDisposable
{
    private readonly int _projectId;
    private readonly RollupDeltas _rollups;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _transaction;
    private readonly SqliteCommand _insert, _existing;

    public FeedbackSink(SqliteConnection connection, SqliteTransaction? transaction, int projectId)
    {
        _connection = connection;
        _transaction = transaction;
        _projectId = projectId;
        _rollups = new RollupDeltas(projectId);
        _insert = SqliteCommands.Prepare(connection, transaction, """
            INSERT INTO FeedbackEvents (ProjectId, EventId, TraceId, Timestamp, Kind, Value) VALUES ($p, $id, $tr, $t, $k, $val)
            ON CONFLICT (ProjectId, EventId) DO NOTHING
            """, "$p", "$id", "$tr", "$t", "$k", "$val");
        _existing = SqliteCommands.Prepare(connection, transaction,
            "SELECT TraceId, Timestamp, Kind, Value FROM FeedbackEvents WHERE ProjectId = $p AND EventId = $id", "$p", "$id");
    }

    public string IdField => "eventId";

    public string IdOf(FeedbackRow row) => row.EventId;

    public IReadOnlyList<string> PreviewColumns { get; } = ["eventId", "traceId", "timestamp", "kind", "value"];

    public IReadOnlyList<string> PreviewCells(FeedbackRow row) =>
    [
        row.EventId, row.TraceId ?? "", row.Timestamp.ToString("u", CultureInfo.InvariantCulture), FeedbackRow.ApiName(row.Kind),
        row.Value?.ToString(CultureInfo.InvariantCulture) ?? "",
    ];

    public RowOutcome Check(FeedbackRow row, out string? difference) => Compare(row, out difference) ?? RowOutcome.Inserted;

    public RowOutcome Store(FeedbackRow row, out string? difference)
    {
        difference = null;
        var inserted = _insert.Set("$p", _projectId).Set("$id", row.EventId).Set("$tr", row.TraceId)
            .Set("$t", Timestamps.ToStorage(row.Timestamp)).Set("$k", row.Kind.ToString()).Set("$val", row.Value).ExecuteNonQuery();
        if (inserted == 1)
        {
            _rollups.AddFeedback(row.Timestamp, row.Kind, row.Value);
            return RowOutcome.Inserted;
        }
        return Compare(row, out difference) ?? throw new InvalidOperationException($"Event {row.EventId} was neither inserted nor found.");
    }

    private RowOutcome? Compare(FeedbackRow row, out string? difference)
    {
        difference = null;
        using var reader = _existing.Set("$p", _projectId).Set("$id", row.EventId).ExecuteReader();
        if (!reader.Read()) return null;
        double? storedValue = reader.IsDBNull(3) ? null : reader.GetDouble(3);
        difference =
            reader.GetNullableString(0) != row.TraceId ? "traceId differs"
            : reader.GetString(1) != Timestamps.ToStorage(row.Timestamp) ? "timestamp differs"
            : reader.GetString(2) != row.Kind.ToString() ? "kind differs"
            : storedValue != row.Value ? "value differs"
            : null;
        return difference is null ? RowOutcome.Duplicate : RowOutcome.Conflict;
    }

    public void Complete() => _rollups.ApplyTo(_connection, _transaction ?? throw new InvalidOperationException("A dry run completes nothing."));

    public void Dispose()
    {
        _insert.Dispose();
        _existing.Dispose();
    }
}
