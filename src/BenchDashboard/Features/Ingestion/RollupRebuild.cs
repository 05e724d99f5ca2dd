using BenchDashboard.Domain;
using Microsoft.Data.Sqlite;

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

    /// <summary>Replaces every <see cref="DailyRollup"/> of the project, inside <paramref name="transaction"/>.</summary>
    public static void Rollups(SqliteConnection connection, SqliteTransaction transaction, int projectId)
    {
        using var delete = SqliteCommands.Prepare(connection, transaction, """DELETE FROM "DailyRollups" WHERE "ProjectId" = $p""", "$p");
        delete.Set("$p", projectId).ExecuteNonQuery();
        using var insert = SqliteCommands.Prepare(connection, transaction, $"""
            INSERT INTO "DailyRollups" ("ProjectId", "Date", "Category", "Traces", "ThumbsUp", "ThumbsDown", "CsatCount", "CsatSum",
                                        "CsatSumOfSquares", "Rewrites", "Retries", "Undos", "FormatErrors",
                                        "RewrittenTraces", "RetriedTraces", "UndoneTraces", "FormatErrorTraces", "UnknownTraceFeedback")
            SELECT $p, "Date", "Category", SUM("Traces"), SUM("ThumbsUp"), SUM("ThumbsDown"), SUM("CsatCount"), SUM("CsatSum"),
                   SUM("CsatSumOfSquares"), SUM("Rewrites"), SUM("Retries"), SUM("Undos"), SUM("FormatErrors"),
                   SUM("RewrittenTraces"), SUM("RetriedTraces"), SUM("UndoneTraces"), SUM("FormatErrorTraces"), SUM("UnknownTraceFeedback")
            FROM (
                SELECT substr("Timestamp", 1, 10) AS "Date", COALESCE("Category", '') AS "Category", COUNT(*) AS "Traces",
                       0 AS "ThumbsUp", 0 AS "ThumbsDown", 0 AS "CsatCount", 0.0 AS "CsatSum", 0.0 AS "CsatSumOfSquares",
                       0 AS "Rewrites", 0 AS "Retries", 0 AS "Undos", 0 AS "FormatErrors",
                       0 AS "RewrittenTraces", 0 AS "RetriedTraces", 0 AS "UndoneTraces", 0 AS "FormatErrorTraces", 0 AS "UnknownTraceFeedback"
                FROM "ProductionTraces" WHERE "ProjectId" = $p
                GROUP BY 1, 2
                UNION ALL
                SELECT substr(f."Timestamp", 1, 10), COALESCE(t."Category", ''), 0,
                       SUM(f."Kind" = 'ThumbsUp'), SUM(f."Kind" = 'ThumbsDown'), SUM(f."Kind" = 'Csat'),
                       COALESCE(SUM(CASE WHEN f."Kind" = 'Csat' THEN f."Value" END), 0.0),
                       COALESCE(SUM(CASE WHEN f."Kind" = 'Csat' THEN f."Value" * f."Value" END), 0.0),
                       SUM(f."Kind" = 'Rewrite'), SUM(f."Kind" = 'Retry'), SUM(f."Kind" = 'Undo'), SUM(f."Kind" = 'FormatError'),
                       0, 0, 0, 0, SUM(t."Id" IS NULL AND f."Kind" IN {PerTraceKinds})
                FROM "FeedbackEvents" f
                LEFT JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
                WHERE f."ProjectId" = $p
                GROUP BY 1, 2
                UNION ALL
                SELECT substr(t."Timestamp", 1, 10), COALESCE(t."Category", ''), 0, 0, 0, 0, 0.0, 0.0, 0, 0, 0, 0,
                       COUNT(DISTINCT CASE WHEN f."Kind" = 'Rewrite' THEN t."Id" END),
                       COUNT(DISTINCT CASE WHEN f."Kind" = 'Retry' THEN t."Id" END),
                       COUNT(DISTINCT CASE WHEN f."Kind" = 'Undo' THEN t."Id" END),
                       COUNT(DISTINCT CASE WHEN f."Kind" = 'FormatError' THEN t."Id" END), 0
                FROM "FeedbackEvents" f
                JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
                WHERE f."ProjectId" = $p AND f."Kind" IN {PerTraceKinds}
                GROUP BY 1, 2
            )
            GROUP BY "Date", "Category"
            """, "$p");
        insert.Set("$p", projectId).ExecuteNonQuery();
    }

    /// <summary>
    /// Replaces the input-length histograms of the days from <paramref name="fromDay"/> up to (not including)
    /// <paramref name="toDay"/> (or on, when null) from the traces left there; other days lose no trace.
    /// </summary>
    public static void InputLengths(SqliteConnection connection, SqliteTransaction transaction, int projectId, string fromDay, string? toDay)
    {
        using var delete = SqliteCommands.Prepare(connection, transaction,
            """DELETE FROM "DailyInputLengths" WHERE "ProjectId" = $p AND "Date" >= $from AND ($to IS NULL OR "Date" < $to)""", "$p", "$from", "$to");
        delete.Set("$p", projectId).Set("$from", fromDay).Set("$to", toDay).ExecuteNonQuery();
        using var remaining = SqliteCommands.Prepare(connection, transaction, """
            SELECT "Timestamp", "Category", "Input" FROM "ProductionTraces"
            WHERE "ProjectId" = $p AND "Timestamp" >= $from AND ($to IS NULL OR "Timestamp" < $to)
            """, "$p", "$from", "$to");
        remaining.Set("$p", projectId).Set("$from", fromDay).Set("$to", toDay);
        var lengths = new InputLengthDeltas(projectId);
        using (var reader = remaining.ExecuteReader())
        {
            while (reader.Read()) lengths.AddTrace(reader.GetDateTime(0), reader.GetNullableString(1), reader.GetString(2));
        }
        lengths.ApplyTo(connection, transaction);
    }
}
