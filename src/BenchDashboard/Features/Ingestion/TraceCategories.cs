using BenchDashboard.Domain;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// What the rollups need across traces and feedback, looked up for many trace ids at once (once per request, not
/// once per row: a lookup per row cost more than the insert itself).
/// </summary>
/// <remarks>
/// The ids go in as one JSON array per statement, read with <c>json_each</c>. CROSS JOIN makes SQLite walk the ids and
/// probe the (ProjectId, TraceId) index for each; with a plain JOIN its planner scanned every row of the project once
/// per id (the ingest benchmark stalled on it).
/// </remarks>
internal static class TraceCategories
{
    /// <summary>Ids per statement: large enough that statement overhead vanishes, small enough to keep the JSON modest.</summary>
    private const int Chunk = 5_000;

    /// <summary>Category and UTC day by trace id, for the traces that exist (a trace without a category maps to "").</summary>
    public static Dictionary<string, (string Category, DateOnly Day)> Find(SqliteConnection connection, SqliteTransaction? transaction, int projectId,
        IEnumerable<string> traceIds)
    {
        var found = new Dictionary<string, (string, DateOnly)>(StringComparer.Ordinal);
        ForEachRow(connection, transaction, projectId, traceIds, """
            SELECT t.TraceId, COALESCE(t.Category, ''), substr(t.Timestamp, 1, 10) FROM json_each($ids) j
            CROSS JOIN ProductionTraces t ON t.ProjectId = $p AND t.TraceId = j.value
            """, reader => found[reader.GetString(0)] = (reader.GetString(1), Day(reader.GetString(2))));
        return found;
    }

    /// <summary>
    /// How many stored events of each per-trace kind these traces have (<see cref="DailyRollup.PerTraceKinds"/>), events of
    /// the current transaction included: a trace whose count equals what this request added got the kind for the first time.
    /// </summary>
    public static Dictionary<(string TraceId, FeedbackKind Kind), int> PerTraceEventCounts(SqliteConnection connection,
        SqliteTransaction? transaction, int projectId, IEnumerable<string> traceIds)
    {
        var kinds = string.Join(", ", DailyRollup.PerTraceKinds.Select(k => $"'{k}'"));
        var found = new Dictionary<(string, FeedbackKind), int>();
        ForEachRow(connection, transaction, projectId, traceIds, $"""
            SELECT f.TraceId, f.Kind, COUNT(*) FROM json_each($ids) j
            CROSS JOIN FeedbackEvents f ON f.ProjectId = $p AND f.TraceId = j.value
            WHERE f.Kind IN ({kinds})
            GROUP BY f.TraceId, f.Kind
            """, reader => found[(reader.GetString(0), Enum.Parse<FeedbackKind>(reader.GetString(1)))] = reader.GetInt32(2));
        return found;
    }

    /// <summary>The stored feedback of these traces: (trace id, UTC day, kind, value).</summary>
    public static List<(string TraceId, DateOnly Day, FeedbackKind Kind, double? Value)> Feedback(SqliteConnection connection,
        SqliteTransaction? transaction, int projectId, IEnumerable<string> traceIds)
    {
        var found = new List<(string, DateOnly, FeedbackKind, double?)>();
        ForEachRow(connection, transaction, projectId, traceIds, """
            SELECT f.TraceId, substr(f.Timestamp, 1, 10), f.Kind, f.Value FROM json_each($ids) j
            CROSS JOIN FeedbackEvents f ON f.ProjectId = $p AND f.TraceId = j.value
            """, reader => found.Add((reader.GetString(0), Day(reader.GetString(1)),
                Enum.Parse<FeedbackKind>(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetDouble(3))));
        return found;
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static void ForEachRow(SqliteConnection connection, SqliteTransaction? transaction, int projectId, IEnumerable<string> traceIds,
        string sql, Action<SqliteDataReader> read)
    {
        var distinct = traceIds.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return;
        using var command = SqliteCommands.Prepare(connection, transaction, sql, "$p", "$ids");
        command.Set("$p", projectId);
        for (var start = 0; start < distinct.Count; start += Chunk)
        {
            var ids = System.Text.Json.JsonSerializer.Serialize(distinct.GetRange(start, Math.Min(Chunk, distinct.Count - start)));
            using var reader = command.Set("$ids", ids).ExecuteReader();
            while (reader.Read()) read(reader);
        }
    }
}
