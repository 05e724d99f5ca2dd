-- Issue 5 (sampling round and reviewer workbench): round options, blind second reviews, labels saved field by field
-- with a revision against silent overwrites, draft bench cases a lead accepts or rejects, failure categories.

-- Defaults are written as EF Core writes 0.3 and 0.15 (the schema test compares them as text).
ALTER TABLE "SamplingRounds" ADD COLUMN "MinPerCategory" INTEGER NOT NULL DEFAULT 2;
ALTER TABLE "SamplingRounds" ADD COLUMN "HealthyShare" REAL NOT NULL DEFAULT 0.29999999999999999;
ALTER TABLE "SamplingRounds" ADD COLUMN "DoubleReviewFraction" REAL NOT NULL DEFAULT 0.14999999999999999;

ALTER TABLE "SampledTraces" ADD COLUMN "SecondReviewerId" TEXT NULL;
ALTER TABLE "SampledTraces" ADD COLUMN "SettledReviewId" INTEGER NULL;

-- Verdict and BenchWouldCatch become optional (a label is stored as it is given); SQLite cannot relax NOT NULL in
-- place, so the table is rebuilt with its rows.
CREATE TABLE "TraceReviews_new" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TraceReviews" PRIMARY KEY AUTOINCREMENT,
    "SampledTraceId" INTEGER NOT NULL,
    "ReviewerId" TEXT NOT NULL,
    "Verdict" TEXT NULL,
    "FailureCategory" TEXT NULL,
    "BenchWouldCatch" TEXT NULL,
    "MatchedBenchCaseId" INTEGER NULL,
    "Notes" TEXT NULL,
    "ProposedCaseJson" TEXT NULL,
    "DraftStatus" TEXT NULL,
    "AcceptedBenchCaseId" INTEGER NULL,
    "ReviewedAt" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    CONSTRAINT "FK_TraceReviews_BenchCases_AcceptedBenchCaseId" FOREIGN KEY ("AcceptedBenchCaseId") REFERENCES "BenchCases" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_TraceReviews_BenchCases_MatchedBenchCaseId" FOREIGN KEY ("MatchedBenchCaseId") REFERENCES "BenchCases" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_TraceReviews_SampledTraces_SampledTraceId" FOREIGN KEY ("SampledTraceId") REFERENCES "SampledTraces" ("Id") ON DELETE CASCADE
);

INSERT INTO "TraceReviews_new" ("Id", "SampledTraceId", "ReviewerId", "Verdict", "FailureCategory", "BenchWouldCatch", "MatchedBenchCaseId",
                                "Notes", "ProposedCaseJson", "DraftStatus", "AcceptedBenchCaseId", "ReviewedAt", "Revision")
SELECT "Id", "SampledTraceId", "ReviewerId", "Verdict", "FailureCategory", "BenchWouldCatch", "MatchedBenchCaseId",
       "Notes", "ProposedCaseJson", CASE WHEN "ProposedCaseJson" IS NULL THEN NULL ELSE 'Pending' END, NULL, "ReviewedAt", 1
FROM "TraceReviews";

DROP TABLE "TraceReviews";
ALTER TABLE "TraceReviews_new" RENAME TO "TraceReviews";
CREATE INDEX "IX_TraceReviews_AcceptedBenchCaseId" ON "TraceReviews" ("AcceptedBenchCaseId");
CREATE INDEX "IX_TraceReviews_MatchedBenchCaseId" ON "TraceReviews" ("MatchedBenchCaseId");
CREATE UNIQUE INDEX "IX_TraceReviews_SampledTraceId_ReviewerId" ON "TraceReviews" ("SampledTraceId", "ReviewerId");

CREATE TABLE "FailureCategories" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FailureCategories" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "FK_FailureCategories_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_FailureCategories_ProjectId_Name" ON "FailureCategories" ("ProjectId", "Name");
