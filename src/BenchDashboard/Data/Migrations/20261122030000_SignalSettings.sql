-- Issue 4 (signals): per-project signal thresholds, stored as JSON; NULL means the defaults.
ALTER TABLE "Projects" ADD COLUMN "SignalSettingsJson" TEXT NULL;
