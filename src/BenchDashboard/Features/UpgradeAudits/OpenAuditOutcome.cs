namespace BenchDashboard.Features.UpgradeAudits;

public enum OpenAuditOutcome { Created, Existing, UnknownRun, Invalid }
