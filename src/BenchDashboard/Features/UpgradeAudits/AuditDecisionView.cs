using BenchDashboard.Domain;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>A decision on one case of an audit.</summary>
public sealed record AuditDecisionView(string CaseId, UpgradeCaseChange Change, UpgradeCaseVerdict Decision, string Rationale, string DecidedBy, DateTime DecidedAt);
