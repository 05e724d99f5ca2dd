-- Issue 10 (honest rates): per-trace rates count traces, not events. Each day and category gets the number of its traces
-- that got a rewrite, retry, undo or format error at least once (on the trace's day, like the traces they divide), and
-- the per-trace feedback whose trace is not stored (no trace id, or a trace never sent) is counted apart, on the
-- event's day under no category, for the dashboard's data-quality note. Columns are added rather than the table rebuilt,
-- so columns other migrations add to DailyRollups survive.

ALTER TABLE "DailyRollups" ADD COLUMN "RewrittenTraces" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollups" ADD COLUMN "RetriedTraces" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollups" ADD COLUMN "UndoneTraces" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollups" ADD COLUMN "FormatErrorTraces" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DailyRollups" ADD COLUMN "UnknownTraceFeedback" INTEGER NOT NULL DEFAULT 0;

-- Databases that already hold feedback get the new counts from the raw rows once; from now on imports keep them current.
-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO "DailyRollups" ("ProjectId", "Date", "Category", "Traces", "ThumbsUp", "ThumbsDown", "CsatCount", "CsatSum", "CsatSumOfSquares",
                            "Rewrites", "Retries", "Undos", "FormatErrors",
                            "RewrittenTraces", "RetriedTraces", "UndoneTraces", "FormatErrorTraces", "UnknownTraceFeedback")
SELECT "ProjectId", "Date", "Category", 0, 0, 0, 0, 0.0, 0.0, 0, 0, 0, 0,
       SUM("RewrittenTraces"), SUM("RetriedTraces"), SUM("UndoneTraces"), SUM("FormatErrorTraces"), SUM("UnknownTraceFeedback")
FROM (
    SELECT t."ProjectId", substr(t."Timestamp", 1, 10) AS "Date", COALESCE(t."Category", '') AS "Category",
           COUNT(DISTINCT CASE WHEN f."Kind" = 'Rewrite' THEN t."Id" END) AS "RewrittenTraces",
           COUNT(DISTINCT CASE WHEN f."Kind" = 'Retry' THEN t."Id" END) AS "RetriedTraces",
           COUNT(DISTINCT CASE WHEN f."Kind" = 'Undo' THEN t."Id" END) AS "UndoneTraces",
           COUNT(DISTINCT CASE WHEN f."Kind" = 'FormatError' THEN t."Id" END) AS "FormatErrorTraces",
           0 AS "UnknownTraceFeedback"
    FROM "FeedbackEvents" f
    JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
    WHERE f."Kind" IN ('Rewrite', 'Retry', 'Undo', 'FormatError')
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT f."ProjectId", substr(f."Timestamp", 1, 10), '', 0, 0, 0, 0, COUNT(*)
    FROM "FeedbackEvents" f
    WHERE f."Kind" IN ('Rewrite', 'Retry', 'Undo', 'FormatError')
      AND NOT EXISTS (SELECT 1 FROM "ProductionTraces" t WHERE t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId")
    GROUP BY 1, 2
)
WHERE true
GROUP BY "ProjectId", "Date", "Category"
ON CONFLICT ("ProjectId", "Date", "Category") DO UPDATE SET
    "RewrittenTraces" = excluded."RewrittenTraces", "RetriedTraces" = excluded."RetriedTraces",
    "UndoneTraces" = excluded."UndoneTraces", "FormatErrorTraces" = excluded."FormatErrorTraces",
    "UnknownTraceFeedback" = excluded."UnknownTraceFeedback";
