using System.Data;
using BenchDashboard.Domain;
using BenchDashboard.Data;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// Recomputes a project's rollups from its raw rows, for the rare write that removes rows (an admin's deletion) rather
/// than adding them. Imports keep rollups current incrementally (<see cref="RollupDeltas"/>, <see cref="InputLengthDeltas"/>);
/// removing rows cannot be done that way cheaply, because a deleted trace turns its remaining feedback into unknown-trace
/// feedback on other days, and a deleted event can end a trace's per-trace count on the trace's own day. The SQL below
/// states the rules of <see cref="RollupDeltas"/> as a query (feedback under its trace's category, or none when the
/// trace is unknown; per-trace counts on the trace's day; unknown-trace feedback of the per-trace kinds on the event's
/// day); a test checks that deleting rows gives the rollups of never having imported them.
/// </summary>
internal static class RollupRebuild
{
    private const string PerTraceKinds = "('Rewrite', 'Retry', 'Undo', 'FormatError')";

    private static string Is(string kind) => $"""SUM(CASE WHEN f."Kind" = '{kind}' THEN 1 ELSE 0 END)""";

    /// <summary>Replaces every <see cref="DailyRollup"/> of the project, inside the session's transaction.</summary>
    internal static void Rollups(ImportSession session)
    {
        using var delete = session.Prepare("""DELETE FROM "DailyRollups" WHERE "ProjectId" = @p""", "@p");
        delete.Set("@p", session.ProjectId).ExecuteNonQuery();
        var traceDay = session.Dialect.DayOf("t.\"Timestamp\"");
        using var insert = session.Prepare($"""
            INSERT INTO "DailyRollups" ("ProjectId", "Date", "Category", "Traces", "ThumbsUp", "ThumbsDown", "CsatCount", "CsatSum",
                                        "CsatSumOfSquares", "Rewrites", "Retries", "Undos", "FormatErrors",
                                        "RewrittenTraces", "RetriedTraces", "UndoneTraces", "FormatErrorTraces", "UnknownTraceFeedback")
            SELECT @p, "Date", "Category", SUM("Traces"), SUM("ThumbsUp"), SUM("ThumbsDown"), SUM("CsatCount"), SUM("CsatSum"),
                   SUM("CsatSumOfSquares"), SUM("Rewrites"), SUM("Retries"), SUM("Undos"), SUM("FormatErrors"),
                   SUM("RewrittenTraces"), SUM("RetriedTraces"), SUM("UndoneTraces"), SUM("FormatErrorTraces"), SUM("UnknownTraceFeedback")
            FROM (
                SELECT {traceDay} AS "Date", COALESCE(t."Category", '') AS "Category", COUNT(*) AS "Traces",
                       0 AS "ThumbsUp", 0 AS "ThumbsDown", 0 AS "CsatCount", 0.0 AS "CsatSum", 0.0 AS "CsatSumOfSquares",
                       0 AS "Rewrites", 0 AS "Retries", 0 AS "Undos", 0 AS "FormatErrors",
                       0 AS "RewrittenTraces", 0 AS "RetriedTraces", 0 AS "UndoneTraces", 0 AS "FormatErrorTraces", 0 AS "UnknownTraceFeedback"
                FROM "ProductionTraces" t WHERE t."ProjectId" = @p
                GROUP BY 1, 2
                UNION ALL
                SELECT {session.Dialect.DayOf("f.\"Timestamp\"")}, COALESCE(t."Category", ''), 0,
                       {Is("ThumbsUp")}, {Is("ThumbsDown")}, {Is("Csat")},
                       COALESCE(SUM(CASE WHEN f."Kind" = 'Csat' THEN f."Value" END), 0.0),
                       COALESCE(SUM(CASE WHEN f."Kind" = 'Csat' THEN f."Value" * f."Value" END), 0.0),
                       {Is("Rewrite")}, {Is("Retry")}, {Is("Undo")}, {Is("FormatError")},
                       0, 0, 0, 0, SUM(CASE WHEN t."Id" IS NULL AND f."Kind" IN {PerTraceKinds} THEN 1 ELSE 0 END)
                FROM "FeedbackEvents" f
                LEFT JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
                WHERE f."ProjectId" = @p
                GROUP BY 1, 2
                UNION ALL
                SELECT {traceDay}, COALESCE(t."Category", ''), 0, 0, 0, 0, 0.0, 0.0, 0, 0, 0, 0,
                       COUNT(DISTINCT CASE WHEN f."Kind" = 'Rewrite' THEN t."Id" END),
                       COUNT(DISTINCT CASE WHEN f."Kind" = 'Retry' THEN t."Id" END),
                       COUNT(DISTINCT CASE WHEN f."Kind" = 'Undo' THEN t."Id" END),
                       COUNT(DISTINCT CASE WHEN f."Kind" = 'FormatError' THEN t."Id" END), 0
                FROM "FeedbackEvents" f
                JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
                WHERE f."ProjectId" = @p AND f."Kind" IN {PerTraceKinds}
                GROUP BY 1, 2
            ) AS "Parts"
            GROUP BY "Date", "Category"
            """, "@p");
        insert.Set("@p", session.ProjectId).ExecuteNonQuery();
    }

    /// <summary>
    /// Replaces the input-length histograms of the days from <paramref name="fromDay"/> up to (not including)
    /// <paramref name="toDay"/> (or on, when null) from the traces left there; other days lose no trace.
    /// </summary>
    internal static void InputLengths(ImportSession session, DateOnly fromDay, DateOnly? toDay)
    {
        var dialect = session.Dialect;
        using var delete = session.Prepare(
            """DELETE FROM "DailyInputLengths" WHERE "ProjectId" = @p AND "Date" >= @from AND (@to IS NULL OR "Date" < @to)""", "@p", "@from", "@to");
        delete.Set("@p", session.ProjectId).Set("@from", fromDay).Set("@to", toDay, DbType.Date).ExecuteNonQuery();
        using var remaining = session.Prepare("""
            SELECT "Timestamp", "Category", "Input" FROM "ProductionTraces"
            WHERE "ProjectId" = @p AND "Timestamp" >= @from AND (@to IS NULL OR "Timestamp" < @to)
            """, "@p", "@from", "@to");
        remaining.Set("@p", session.ProjectId).Set("@from", dialect.Timestamp(fromDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)))
            .Set("@to", toDay is { } to ? dialect.Timestamp(to.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) : null, DbType.DateTime);
        var lengths = new InputLengthDeltas(session.ProjectId);
        using (var reader = remaining.ExecuteReader())
        {
            while (reader.Read()) lengths.AddTrace(dialect.ReadTimestamp(reader, 0), reader.GetNullableString(1), reader.GetString(2));
        }
        lengths.ApplyTo(session);
    }
}
