namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// One upgrade audit of a version pair touched in the period: the runs compared and their pass rates, the paired
/// difference with its 95 % interval and McNemar's exact p, the changed cases with their decisions, and the sign-off
/// (null while not signed off). The figures are the audit page's.
/// </summary>
public sealed record ReportUpgradeAudit(int AuditId, string BaseVersion, string HeadVersion, string BaseRun, string HeadRun,
    double BasePassRate, double HeadPassRate, double Difference, double DifferenceLow, double DifferenceHigh, double? McNemarP,
    string Status, string? SignedOffBy, DateTime? SignedOffAt, IReadOnlyList<ReportCaseDecision> Cases);
