-- Issue 4 (trends dashboard): rollups per category, so the dashboard's category filter still reads a few rows per day.
-- SQLite cannot change a primary key, so the table is rebuilt and filled again from the raw rows; feedback counts
-- under its trace's category ('' when the trace is unknown or has none).

DROP TABLE "DailyRollups";

CREATE TABLE "DailyRollups" (
    "ProjectId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Traces" INTEGER NOT NULL,
    "ThumbsUp" INTEGER NOT NULL,
    "ThumbsDown" INTEGER NOT NULL,
    "CsatCount" INTEGER NOT NULL,
    "CsatSum" REAL NOT NULL,
    "CsatSumOfSquares" REAL NOT NULL,
    "Rewrites" INTEGER NOT NULL,
    "Retries" INTEGER NOT NULL,
    "Undos" INTEGER NOT NULL,
    "FormatErrors" INTEGER NOT NULL,
    CONSTRAINT "PK_DailyRollups" PRIMARY KEY ("ProjectId", "Date", "Category"),
    CONSTRAINT "FK_DailyRollups_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

INSERT INTO "DailyRollups" ("ProjectId", "Date", "Category", "Traces", "ThumbsUp", "ThumbsDown", "CsatCount", "CsatSum", "CsatSumOfSquares",
                            "Rewrites", "Retries", "Undos", "FormatErrors")
SELECT "ProjectId", "Date", "Category", SUM("Traces"), SUM("ThumbsUp"), SUM("ThumbsDown"), SUM("CsatCount"), SUM("CsatSum"),
       SUM("CsatSumOfSquares"), SUM("Rewrites"), SUM("Retries"), SUM("Undos"), SUM("FormatErrors")
FROM (
    SELECT "ProjectId", substr("Timestamp", 1, 10) AS "Date", COALESCE("Category", '') AS "Category", COUNT(*) AS "Traces",
           0 AS "ThumbsUp", 0 AS "ThumbsDown", 0 AS "CsatCount", 0.0 AS "CsatSum", 0.0 AS "CsatSumOfSquares",
           0 AS "Rewrites", 0 AS "Retries", 0 AS "Undos", 0 AS "FormatErrors"
    FROM "ProductionTraces" GROUP BY 1, 2, 3
    UNION ALL
    SELECT f."ProjectId", substr(f."Timestamp", 1, 10), COALESCE(t."Category", ''), 0,
           SUM(f."Kind" = 'ThumbsUp'), SUM(f."Kind" = 'ThumbsDown'), SUM(f."Kind" = 'Csat'),
           COALESCE(SUM(CASE WHEN f."Kind" = 'Csat' THEN f."Value" END), 0.0),
           COALESCE(SUM(CASE WHEN f."Kind" = 'Csat' THEN f."Value" * f."Value" END), 0.0),
           SUM(f."Kind" = 'Rewrite'), SUM(f."Kind" = 'Retry'), SUM(f."Kind" = 'Undo'), SUM(f."Kind" = 'FormatError')
    FROM "FeedbackEvents" f
    LEFT JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
    GROUP BY 1, 2, 3
)
GROUP BY "ProjectId", "Date", "Category";
