-- Initial schema: generated from the EF model with GenerateCreateScript(), reviewed, plus the audit-log triggers.
-- See docs/decisions/0007-sql-script-migrations.md before editing: applied migrations are never changed.

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "AuditEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY,
    "At" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Subject" TEXT NULL,
    "PayloadJson" TEXT NULL,
    "PrevHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);


CREATE TABLE "Projects" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Projects" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "IsDemo" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ApiKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "KeyHash" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "ProjectId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "LastUsedAt" TEXT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_ApiKeys_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);


CREATE TABLE "BenchCases" (
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
    CONSTRAINT "FK_BenchCases_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);


CREATE TABLE "DailyMetrics" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DailyMetrics" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Metric" TEXT NOT NULL,
    "Value" REAL NOT NULL,
    "N" INTEGER NOT NULL,
    CONSTRAINT "FK_DailyMetrics_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);


CREATE TABLE "FeedbackEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FeedbackEvents" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "EventId" TEXT NOT NULL,
    "TraceId" TEXT NULL,
    "Timestamp" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Value" REAL NULL,
    CONSTRAINT "FK_FeedbackEvents_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);


CREATE TABLE "PipelineVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PipelineVersions" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Version" TEXT NOT NULL,
    "DeployedAt" TEXT NOT NULL,
    "Model" TEXT NULL,
    "Prompt" TEXT NULL,
    "Tools" TEXT NULL,
    "DataSources" TEXT NULL,
    "Notes" TEXT NULL,
    CONSTRAINT "FK_PipelineVersions_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Reports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Reports" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "PeriodFrom" TEXT NOT NULL,
    "PeriodTo" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "Sha256" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    CONSTRAINT "FK_Reports_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);


CREATE TABLE "RubricVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RubricVersions" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "ApprovedBy" TEXT NULL,
    "ApprovedAt" TEXT NULL,
    "Notes" TEXT NULL,
    CONSTRAINT "FK_RubricVersions_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);


CREATE TABLE "SamplingRounds" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SamplingRounds" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Period" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Strategy" TEXT NOT NULL,
    "Seed" INTEGER NOT NULL,
    "WindowFrom" TEXT NOT NULL,
    "WindowTo" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ClosedAt" TEXT NULL,
    CONSTRAINT "FK_SamplingRounds_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ProductionTraces" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProductionTraces" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "TraceId" TEXT NOT NULL,
    "Timestamp" TEXT NOT NULL,
    "PipelineVersionId" INTEGER NULL,
    "Input" TEXT NOT NULL,
    "Output" TEXT NULL,
    "Category" TEXT NULL,
    "MetadataJson" TEXT NULL,
    CONSTRAINT "FK_ProductionTraces_PipelineVersions_PipelineVersionId" FOREIGN KEY ("PipelineVersionId") REFERENCES "PipelineVersions" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_ProductionTraces_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);


CREATE TABLE "BenchRuns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BenchRuns" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "RunId" TEXT NOT NULL,
    "PipelineVersionId" INTEGER NOT NULL,
    "RubricVersionId" INTEGER NULL,
    "StartedAt" TEXT NOT NULL,
    CONSTRAINT "FK_BenchRuns_PipelineVersions_PipelineVersionId" FOREIGN KEY ("PipelineVersionId") REFERENCES "PipelineVersions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_BenchRuns_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_BenchRuns_RubricVersions_RubricVersionId" FOREIGN KEY ("RubricVersionId") REFERENCES "RubricVersions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "RubricItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RubricItems" PRIMARY KEY AUTOINCREMENT,
    "RubricVersionId" INTEGER NOT NULL,
    "Key" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Weight" REAL NOT NULL,
    CONSTRAINT "FK_RubricItems_RubricVersions_RubricVersionId" FOREIGN KEY ("RubricVersionId") REFERENCES "RubricVersions" ("Id") ON DELETE CASCADE
);


CREATE TABLE "RubricReviews" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RubricReviews" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Quarter" TEXT NOT NULL,
    "FromRubricVersionId" INTEGER NOT NULL,
    "ToRubricVersionId" INTEGER NULL,
    "SignedOffBy" TEXT NULL,
    "SignedOffAt" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_RubricReviews_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RubricReviews_RubricVersions_FromRubricVersionId" FOREIGN KEY ("FromRubricVersionId") REFERENCES "RubricVersions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RubricReviews_RubricVersions_ToRubricVersionId" FOREIGN KEY ("ToRubricVersionId") REFERENCES "RubricVersions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "SampledTraces" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SampledTraces" PRIMARY KEY AUTOINCREMENT,
    "SamplingRoundId" INTEGER NOT NULL,
    "ProductionTraceId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "AssignedReviewerId" TEXT NULL,
    CONSTRAINT "FK_SampledTraces_ProductionTraces_ProductionTraceId" FOREIGN KEY ("ProductionTraceId") REFERENCES "ProductionTraces" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SampledTraces_SamplingRounds_SamplingRoundId" FOREIGN KEY ("SamplingRoundId") REFERENCES "SamplingRounds" ("Id") ON DELETE CASCADE
);


CREATE TABLE "BenchResults" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BenchResults" PRIMARY KEY AUTOINCREMENT,
    "BenchRunId" INTEGER NOT NULL,
    "BenchCaseId" INTEGER NOT NULL,
    "Passed" INTEGER NOT NULL,
    "Score" REAL NULL,
    "ItemOutcomesJson" TEXT NULL,
    CONSTRAINT "FK_BenchResults_BenchCases_BenchCaseId" FOREIGN KEY ("BenchCaseId") REFERENCES "BenchCases" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_BenchResults_BenchRuns_BenchRunId" FOREIGN KEY ("BenchRunId") REFERENCES "BenchRuns" ("Id") ON DELETE CASCADE
);


CREATE TABLE "UpgradeAudits" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_UpgradeAudits" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "BaseRunId" INTEGER NOT NULL,
    "HeadRunId" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SignedOffBy" TEXT NULL,
    "SignedOffAt" TEXT NULL,
    CONSTRAINT "FK_UpgradeAudits_BenchRuns_BaseRunId" FOREIGN KEY ("BaseRunId") REFERENCES "BenchRuns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UpgradeAudits_BenchRuns_HeadRunId" FOREIGN KEY ("HeadRunId") REFERENCES "BenchRuns" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UpgradeAudits_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);


CREATE TABLE "RubricReviewDecisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RubricReviewDecisions" PRIMARY KEY AUTOINCREMENT,
    "RubricReviewId" INTEGER NOT NULL,
    "ItemKey" TEXT NOT NULL,
    "Decision" TEXT NOT NULL,
    "Rationale" TEXT NULL,
    CONSTRAINT "FK_RubricReviewDecisions_RubricReviews_RubricReviewId" FOREIGN KEY ("RubricReviewId") REFERENCES "RubricReviews" ("Id") ON DELETE CASCADE
);


CREATE TABLE "TraceReviews" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TraceReviews" PRIMARY KEY AUTOINCREMENT,
    "SampledTraceId" INTEGER NOT NULL,
    "ReviewerId" TEXT NOT NULL,
    "Verdict" TEXT NOT NULL,
    "FailureCategory" TEXT NULL,
    "BenchWouldCatch" TEXT NOT NULL,
    "MatchedBenchCaseId" INTEGER NULL,
    "Notes" TEXT NULL,
    "ProposedCaseJson" TEXT NULL,
    "ReviewedAt" TEXT NOT NULL,
    CONSTRAINT "FK_TraceReviews_BenchCases_MatchedBenchCaseId" FOREIGN KEY ("MatchedBenchCaseId") REFERENCES "BenchCases" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_TraceReviews_SampledTraces_SampledTraceId" FOREIGN KEY ("SampledTraceId") REFERENCES "SampledTraces" ("Id") ON DELETE CASCADE
);


CREATE TABLE "UpgradeAuditDecisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_UpgradeAuditDecisions" PRIMARY KEY AUTOINCREMENT,
    "UpgradeAuditId" INTEGER NOT NULL,
    "BenchCaseId" INTEGER NOT NULL,
    "Change" TEXT NOT NULL,
    "Decision" TEXT NOT NULL,
    "Rationale" TEXT NULL,
    CONSTRAINT "FK_UpgradeAuditDecisions_BenchCases_BenchCaseId" FOREIGN KEY ("BenchCaseId") REFERENCES "BenchCases" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_UpgradeAuditDecisions_UpgradeAudits_UpgradeAuditId" FOREIGN KEY ("UpgradeAuditId") REFERENCES "UpgradeAudits" ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_ApiKeys_KeyHash" ON "ApiKeys" ("KeyHash");


CREATE INDEX "IX_ApiKeys_ProjectId" ON "ApiKeys" ("ProjectId");


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditEvents_At" ON "AuditEvents" ("At");


CREATE INDEX "IX_BenchCases_ProjectId_Category" ON "BenchCases" ("ProjectId", "Category");


CREATE UNIQUE INDEX "IX_BenchCases_ProjectId_ExternalId" ON "BenchCases" ("ProjectId", "ExternalId");


CREATE INDEX "IX_BenchResults_BenchCaseId" ON "BenchResults" ("BenchCaseId");


CREATE UNIQUE INDEX "IX_BenchResults_BenchRunId_BenchCaseId" ON "BenchResults" ("BenchRunId", "BenchCaseId");


CREATE INDEX "IX_BenchRuns_PipelineVersionId" ON "BenchRuns" ("PipelineVersionId");


CREATE UNIQUE INDEX "IX_BenchRuns_ProjectId_RunId" ON "BenchRuns" ("ProjectId", "RunId");


CREATE INDEX "IX_BenchRuns_ProjectId_StartedAt" ON "BenchRuns" ("ProjectId", "StartedAt");


CREATE INDEX "IX_BenchRuns_RubricVersionId" ON "BenchRuns" ("RubricVersionId");


CREATE UNIQUE INDEX "IX_DailyMetrics_ProjectId_Metric_Date" ON "DailyMetrics" ("ProjectId", "Metric", "Date");


CREATE UNIQUE INDEX "IX_FeedbackEvents_ProjectId_EventId" ON "FeedbackEvents" ("ProjectId", "EventId");


CREATE INDEX "IX_FeedbackEvents_ProjectId_Timestamp_Kind" ON "FeedbackEvents" ("ProjectId", "Timestamp", "Kind");


CREATE INDEX "IX_FeedbackEvents_ProjectId_TraceId" ON "FeedbackEvents" ("ProjectId", "TraceId");


CREATE INDEX "IX_PipelineVersions_ProjectId_DeployedAt" ON "PipelineVersions" ("ProjectId", "DeployedAt");


CREATE UNIQUE INDEX "IX_PipelineVersions_ProjectId_Version" ON "PipelineVersions" ("ProjectId", "Version");


CREATE INDEX "IX_ProductionTraces_PipelineVersionId" ON "ProductionTraces" ("PipelineVersionId");


CREATE INDEX "IX_ProductionTraces_ProjectId_Timestamp" ON "ProductionTraces" ("ProjectId", "Timestamp");


CREATE UNIQUE INDEX "IX_ProductionTraces_ProjectId_TraceId" ON "ProductionTraces" ("ProjectId", "TraceId");


CREATE UNIQUE INDEX "IX_Projects_Slug" ON "Projects" ("Slug");


CREATE INDEX "IX_Reports_ProjectId_CreatedAt" ON "Reports" ("ProjectId", "CreatedAt");


CREATE UNIQUE INDEX "IX_RubricItems_RubricVersionId_Key" ON "RubricItems" ("RubricVersionId", "Key");


CREATE INDEX "IX_RubricReviewDecisions_RubricReviewId" ON "RubricReviewDecisions" ("RubricReviewId");


CREATE INDEX "IX_RubricReviews_FromRubricVersionId" ON "RubricReviews" ("FromRubricVersionId");


CREATE INDEX "IX_RubricReviews_ProjectId_Quarter" ON "RubricReviews" ("ProjectId", "Quarter");


CREATE INDEX "IX_RubricReviews_ToRubricVersionId" ON "RubricReviews" ("ToRubricVersionId");


CREATE UNIQUE INDEX "IX_RubricVersions_ProjectId_Number" ON "RubricVersions" ("ProjectId", "Number");


CREATE INDEX "IX_SampledTraces_ProductionTraceId" ON "SampledTraces" ("ProductionTraceId");


CREATE INDEX "IX_SampledTraces_SamplingRoundId_Position" ON "SampledTraces" ("SamplingRoundId", "Position");


CREATE UNIQUE INDEX "IX_SampledTraces_SamplingRoundId_ProductionTraceId" ON "SampledTraces" ("SamplingRoundId", "ProductionTraceId");


CREATE INDEX "IX_SamplingRounds_ProjectId_ClosedAt" ON "SamplingRounds" ("ProjectId", "ClosedAt");


CREATE INDEX "IX_SamplingRounds_ProjectId_Period" ON "SamplingRounds" ("ProjectId", "Period");


CREATE INDEX "IX_TraceReviews_MatchedBenchCaseId" ON "TraceReviews" ("MatchedBenchCaseId");


CREATE UNIQUE INDEX "IX_TraceReviews_SampledTraceId_ReviewerId" ON "TraceReviews" ("SampledTraceId", "ReviewerId");


CREATE INDEX "IX_UpgradeAuditDecisions_BenchCaseId" ON "UpgradeAuditDecisions" ("BenchCaseId");


CREATE UNIQUE INDEX "IX_UpgradeAuditDecisions_UpgradeAuditId_BenchCaseId" ON "UpgradeAuditDecisions" ("UpgradeAuditId", "BenchCaseId");


CREATE INDEX "IX_UpgradeAudits_BaseRunId" ON "UpgradeAudits" ("BaseRunId");


CREATE INDEX "IX_UpgradeAudits_HeadRunId" ON "UpgradeAudits" ("HeadRunId");


CREATE INDEX "IX_UpgradeAudits_ProjectId_CreatedAt" ON "UpgradeAudits" ("ProjectId", "CreatedAt");



-- The audit log is append-only: the database itself refuses edits and deletions.
-- (Someone with the file can drop these triggers; the hash chain still exposes any change: AuditLog.VerifyAsync.)
CREATE TRIGGER "AuditEvents_NoUpdate" BEFORE UPDATE ON "AuditEvents"
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only.');
END;

CREATE TRIGGER "AuditEvents_NoDelete" BEFORE DELETE ON "AuditEvents"
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only.');
END;
