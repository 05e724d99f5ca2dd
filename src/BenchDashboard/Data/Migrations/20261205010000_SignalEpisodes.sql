-- benchdashboard: own-transaction
-- Issue 10 (divergence episodes and signal lifecycle).
-- Bench cases get their life in data time: first seen at the start of the first run that included them (or at their
-- acceptance from a sampling gap, which is when CreatedAt was written), retired at a time of their own. FirstSeenAt is
-- NOT NULL without a default, which SQLite's ALTER TABLE cannot add, so the table is rebuilt (SQLite's 12-step
-- procedure: foreign keys off outside the transaction, checked before commit).
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE "BenchCases_new" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BenchCases" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "ExternalId" TEXT NOT NULL,
    "Input" TEXT NULL,
    "ExpectedBehaviour" TEXT NULL,
    "Category" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "ProvenanceTraceJson" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "FirstSeenAt" TEXT NOT NULL,
    "RetiredAt" TEXT NULL,
    CONSTRAINT "FK_BenchCases_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

INSERT INTO "BenchCases_new" ("Id", "ProjectId", "ExternalId", "Input", "ExpectedBehaviour", "Category", "Status", "Source",
                              "ProvenanceTraceJson", "CreatedAt", "FirstSeenAt", "RetiredAt")
SELECT c."Id", c."ProjectId", c."ExternalId", c."Input", c."ExpectedBehaviour", c."Category", c."Status", c."Source",
       c."ProvenanceTraceJson", c."CreatedAt", f."FirstSeenAt",
       -- Nothing retired cases before this release; should one exist, its retirement time is unknown, so it counts as
       -- retired from its first day, which is how every earlier release treated it.
       CASE WHEN c."Status" = 'Retired' THEN f."FirstSeenAt" END
FROM "BenchCases" c
JOIN (
    SELECT b."Id",
           CASE WHEN b."Source" = 'ProductionGap' THEN b."CreatedAt"
                ELSE COALESCE((SELECT MIN(r."StartedAt") FROM "BenchResults" x JOIN "BenchRuns" r ON r."Id" = x."BenchRunId"
                               WHERE x."BenchCaseId" = b."Id"), b."CreatedAt") END AS "FirstSeenAt"
    FROM "BenchCases" b
) f ON f."Id" = c."Id";

DROP TABLE "BenchCases";
ALTER TABLE "BenchCases_new" RENAME TO "BenchCases";
CREATE INDEX "IX_BenchCases_ProjectId_Category" ON "BenchCases" ("ProjectId", "Category");
CREATE UNIQUE INDEX "IX_BenchCases_ProjectId_ExternalId" ON "BenchCases" ("ProjectId", "ExternalId");

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

COMMIT;
PRAGMA foreign_keys = ON;
