using BenchDashboard.Data;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// What the rollups need across traces and feedback, looked up for many trace ids at once (once per request, not
/// once per row: a lookup per row cost more than the insert itself). The ids travel as one parameter
/// (<see cref="SqlDialect.FromRowsAmongIds"/>).
/// </summary>
internal static class TraceCategories
{
    /// <summary>Category and UTC day by trace id, for the traces that exist (a trace without a category maps to "").</summary>
    public static Dictionary<string, (string Category, DateOnly Day)> Find(ImportSession session, IEnumerable<string> traceIds)
    {
        var found = new Dictionary<string, (string, DateOnly)>(StringComparer.Ordinal);
        session.ForEachRowOfIds($"""
            SELECT t."TraceId", COALESCE(t."Category", ''), {session.Dialect.DayOf("t.\"Timestamp\"")}
            FROM {session.Dialect.FromRowsAmongIds("ProductionTraces", "t", "@ids")}
            WHERE t."ProjectId" = @p AND {session.Dialect.AmongIds("t", "TraceId", "@ids")}
            """, traceIds, reader => found[reader.GetString(0)] = (reader.GetString(1), session.Dialect.ReadDay(reader, 2)));
        return found;
    }

    /// <summary>
    /// How many stored events of each per-trace kind these traces have (<see cref="DailyRollup.PerTraceKinds"/>), events of
    /// the current transaction included: a trace whose count equals what this request added got the kind for the first time.
    /// </summary>
    public static Dictionary<(string TraceId, FeedbackKind Kind), int> PerTraceEventCounts(ImportSession session, IEnumerable<string> traceIds)
    {
        var kinds = string.Join(", ", DailyRollup.PerTraceKinds.Select(k => $"'{k}'"));
        var found = new Dictionary<(string, FeedbackKind), int>();
        session.ForEachRowOfIds($"""
            SELECT f."TraceId", f."Kind", COUNT(*) FROM {session.Dialect.FromRowsAmongIds("FeedbackEvents", "f", "@ids")}
            WHERE f."ProjectId" = @p AND {session.Dialect.AmongIds("f", "TraceId", "@ids")} AND f."Kind" IN ({kinds})
            GROUP BY f."TraceId", f."Kind"
            """, traceIds, reader => found[(reader.GetString(0), Enum.Parse<FeedbackKind>(reader.GetString(1)))] = Convert.ToInt32(reader.GetValue(2)));
        return found;
    }

    /// <summary>The stored feedback of these traces: (trace id, UTC day, kind, value).</summary>
    public static List<(string TraceId, DateOnly Day, FeedbackKind Kind, double? Value)> Feedback(ImportSession session, IEnumerable<string> traceIds)
    {
        var found = new List<(string, DateOnly, FeedbackKind, double?)>();
        session.ForEachRowOfIds($"""
            SELECT f."TraceId", {session.Dialect.DayOf("f.\"Timestamp\"")}, f."Kind", f."Value"
            FROM {session.Dialect.FromRowsAmongIds("FeedbackEvents", "f", "@ids")}
            WHERE f."ProjectId" = @p AND {session.Dialect.AmongIds("f", "TraceId", "@ids")}
            """, traceIds, reader => found.Add((reader.GetString(0), session.Dialect.ReadDay(reader, 1),
                Enum.Parse<FeedbackKind>(reader.GetString(2)), reader.GetNullableDouble(3))));
        return found;
    }
}
