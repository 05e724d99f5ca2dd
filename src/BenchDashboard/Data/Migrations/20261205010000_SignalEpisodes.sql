-- Issue 10 (divergence episodes and signal lifecycle).
-- Bench cases get their life in data time: first seen at the start of the first run that included them (or at their
-- acceptance from a sampling gap, which is when CreatedAt was written), retired at a time of their own.
ALTER TABLE "BenchCases" ADD COLUMN "FirstSeenAt" TEXT NOT NULL DEFAULT '';
ALTER TABLE "BenchCases" ADD COLUMN "RetiredAt" TEXT NULL;

UPDATE "BenchCases" SET "FirstSeenAt" = COALESCE(
    (SELECT MIN(r."StartedAt") FROM "BenchResults" x JOIN "BenchRuns" r ON r."Id" = x."BenchRunId" WHERE x."BenchCaseId" = "BenchCases"."Id"),
    "CreatedAt")
WHERE "Source" <> 'ProductionGap';
UPDATE "BenchCases" SET "FirstSeenAt" = "CreatedAt" WHERE "Source" = 'ProductionGap';
-- Nothing retired cases before this release; should one exist, its retirement time is unknown, so it counts as
-- retired from its first day, which is how every earlier release treated it.
UPDATE "BenchCases" SET "RetiredAt" = "FirstSeenAt" WHERE "Status" = 'Retired' AND "RetiredAt" IS NULL;

CREATE TABLE "SignalTriages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SignalTriages" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Since" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Note" TEXT NULL,
    "SnoozedUntil" TEXT NULL,
    "ActedBy" TEXT NOT NULL,
    "ActedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SignalTriages_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_SignalTriages_ProjectId_Kind_Subject_Since" ON "SignalTriages" ("ProjectId", "Kind", "Subject", "Since");

CREATE TABLE "SignalRebaselines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SignalRebaselines" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Metric" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "EpisodeOnset" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "ActedBy" TEXT NOT NULL,
    "ActedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SignalRebaselines_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_SignalRebaselines_ProjectId_Metric_Day" ON "SignalRebaselines" ("ProjectId", "Metric", "Day");
