-- Issue 4 (signals): alerting. The last known state of each signal (to tell "started" and "escalated" apart) and an
-- outbox of webhook deliveries, retried with backoff.
ALTER TABLE "Projects" ADD COLUMN "WebhookUrl" TEXT NULL;

CREATE TABLE "SignalStates" (
    "ProjectId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Metric" TEXT NOT NULL,
    "Severity" TEXT NOT NULL,
    "Since" TEXT NOT NULL,
    "Active" INTEGER NOT NULL,
    "FirstSeenAt" TEXT NOT NULL,
    "LastSeenAt" TEXT NOT NULL,
    CONSTRAINT "PK_SignalStates" PRIMARY KEY ("ProjectId", "Kind", "Metric"),
    CONSTRAINT "FK_SignalStates_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WebhookDeliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Event" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "PayloadJson" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "DeliveredAt" TEXT NULL,
    "LastError" TEXT NULL,
    CONSTRAINT "FK_WebhookDeliveries_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_WebhookDeliveries_ProjectId_CreatedAt" ON "WebhookDeliveries" ("ProjectId", "CreatedAt");
CREATE INDEX "IX_WebhookDeliveries_Status_NextAttemptAt" ON "WebhookDeliveries" ("Status", "NextAttemptAt");
