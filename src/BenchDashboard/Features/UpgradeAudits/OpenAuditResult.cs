namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>What asking for an audit of two runs gave: a new audit, the existing one for that pair, or why neither.</summary>
public sealed record OpenAuditResult(OpenAuditOutcome Outcome, int AuditId = 0, string? Problem = null);
