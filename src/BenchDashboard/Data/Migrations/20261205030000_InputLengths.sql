-- Issue 10 (signals fast and cheap): input drift reads per-day histograms of input lengths instead of raw traces, and
-- computed signals are reused until the project's data changes.

-- Raised by every write of data the signals read (DataVersionInterceptor, ProjectDataVersion).
ALTER TABLE "Projects" ADD COLUMN "DataVersion" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "DailyInputLengths" (
    "ProjectId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "MinLength" INTEGER NOT NULL,
    "Traces" INTEGER NOT NULL,
    CONSTRAINT "PK_DailyInputLengths" PRIMARY KEY ("ProjectId", "Date", "Category", "MinLength"),
    CONSTRAINT "FK_DailyInputLengths_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

-- The bins of InputLengthBins.cs, with the same integer steps: one character wide up to 32, then start / 32 wide.
CREATE TEMP TABLE "InputLengthBinStarts" ("Start" INTEGER NOT NULL PRIMARY KEY);
INSERT INTO temp."InputLengthBinStarts" ("Start")
WITH RECURSIVE "Bins"("Start") AS (SELECT 0 UNION ALL SELECT "Start" + MAX(1, "Start" / 32) FROM "Bins" WHERE "Start" + MAX(1, "Start" / 32) <= 2147483647)
SELECT "Start" FROM "Bins";

-- Existing traces, counted per day, category and bin: lengths are grouped first, so each distinct length looks its bin up once.
INSERT INTO "DailyInputLengths" ("ProjectId", "Date", "Category", "MinLength", "Traces")
SELECT "ProjectId", "Date", "Category",
       (SELECT MAX(b."Start") FROM temp."InputLengthBinStarts" b WHERE b."Start" <= "Length"), SUM("Traces")
FROM (
    SELECT "ProjectId", substr("Timestamp", 1, 10) AS "Date", COALESCE("Category", '') AS "Category", length("Input") AS "Length",
           COUNT(*) AS "Traces"
    FROM "ProductionTraces" GROUP BY 1, 2, 3, 4
)
GROUP BY 1, 2, 3, 4;

DROP TABLE temp."InputLengthBinStarts";
