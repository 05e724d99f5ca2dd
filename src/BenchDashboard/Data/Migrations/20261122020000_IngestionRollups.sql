-- Issue 3 (ingestion): daily rollups so trends never scan raw events, and a content hash that makes bench runs idempotent.

CREATE TABLE "DailyRollups" (
    "ProjectId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
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
    CONSTRAINT "PK_DailyRollups" PRIMARY KEY ("ProjectId", "Date"),
    CONSTRAINT "FK_DailyRollups_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

ALTER TABLE "BenchRuns" ADD COLUMN "ContentHash" TEXT NULL;

-- Trends read DailyRollups now; the time index only slowed every feedback insert.
DROP INDEX "IX_FeedbackEvents_ProjectId_Timestamp_Kind";

-- Databases that already hold data get their rollups built once here; from now on imports keep them current.
INSERT INTO "DailyRollups" ("ProjectId", "Date", "Traces", "ThumbsUp", "ThumbsDown", "CsatCount", "CsatSum", "CsatSumOfSquares",
                            "Rewrites", "Retries", "Undos", "FormatErrors")
SELECT "ProjectId", "Date", SUM("Traces"), SUM("ThumbsUp"), SUM("ThumbsDown"), SUM("CsatCount"), SUM("CsatSum"), SUM("CsatSumOfSquares"),
       SUM("Rewrites"), SUM("Retries"), SUM("Undos"), SUM("FormatErrors")
FROM (
    SELECT "ProjectId", substr("Timestamp", 1, 10) AS "Date", COUNT(*) AS "Traces", 0 AS "ThumbsUp", 0 AS "ThumbsDown", 0 AS "CsatCount",
           0.0 AS "CsatSum", 0.0 AS "CsatSumOfSquares", 0 AS "Rewrites", 0 AS "Retries", 0 AS "Undos", 0 AS "FormatErrors"
    FROM "ProductionTraces" GROUP BY "ProjectId", substr("Timestamp", 1, 10)
    UNION ALL
    SELECT "ProjectId", substr("Timestamp", 1, 10), 0,
           SUM("Kind" = 'ThumbsUp'), SUM("Kind" = 'ThumbsDown'), SUM("Kind" = 'Csat'),
           COALESCE(SUM(CASE WHEN "Kind" = 'Csat' THEN "Value" END), 0.0),
           COALESCE(SUM(CASE WHEN "Kind" = 'Csat' THEN "Value" * "Value" END), 0.0),
           SUM("Kind" = 'Rewrite'), SUM("Kind" = 'Retry'), SUM("Kind" = 'Undo'), SUM("Kind" = 'FormatError')
    FROM "FeedbackEvents" GROUP BY "ProjectId", substr("Timestamp", 1, 10)
)
GROUP BY "ProjectId", "Date";
