using Microsoft.Data.Sqlite;

namespace BenchDashboard.Features.Ingestion;

/// <summary>The stored categories of many traces at once, for attributing feedback in the rollups.</summary>
internal static class TraceCategories
{
    /// <summary>Ids per statement: large enough that statement overhead vanishes, small enough to keep the JSON modest.</summary>
    private const int Chunk = 5_000;

    /// <summary>Category by trace id, for the traces that exist (a trace without a category maps to "").</summary>
    /// <remarks>
    /// CROSS JOIN makes SQLite walk the ids and probe the (ProjectId, TraceId) index for each; with a plain JOIN its planner
    /// scanned every trace of the project once per id (the ingest benchmark stalled on it).
    /// </remarks>
    public static Dictionary<string, string> Find(SqliteConnection connection, SqliteTransaction? transaction, int projectId, IEnumerable<string> traceIds)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var distinct = traceIds.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return found;
        using var command = SqliteCommands.Prepare(connection, transaction, """
            SELECT t.TraceId, COALESCE(t.Category, '') FROM json_each($ids) j
            CROSS JOIN ProductionTraces t ON t.ProjectId = $p AND t.TraceId = j.value
            """, "$p", "$ids");
        command.Set("$p", projectId);
        for (var start = 0; start < distinct.Count; start += Chunk)
        {
            var ids = System.Text.Json.JsonSerializer.Serialize(distinct.GetRange(start, Math.Min(Chunk, distinct.Count - start)));
            using var reader = command.Set("$ids", ids).ExecuteReader();
            while (reader.Read()) found[reader.GetString(0)] = reader.GetString(1);
        }
        return found;
    }
}
