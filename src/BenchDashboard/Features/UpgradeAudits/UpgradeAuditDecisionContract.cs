namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>A Lead's decision on one case, as the API shows it.</summary>
public sealed record UpgradeAuditDecisionContract(string CaseId, string Change, string Decision, string Rationale, string DecidedBy, DateTime DecidedAt);
