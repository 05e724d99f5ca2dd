namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>An audit in <c>GET …/upgrade-audits</c> (API.md "Upgrade audits").</summary>
public sealed record UpgradeAuditSummaryContract(int AuditId, string BaseRunId, string HeadRunId, string BaseVersion, string HeadVersion,
    DateTime CreatedAt, string Status, string? SignedOffBy, DateTime? SignedOffAt)
{
    public static UpgradeAuditSummaryContract Of(UpgradeAuditListItem a) => new(a.AuditId, a.BaseRunId, a.HeadRunId, a.BaseVersion, a.HeadVersion,
        a.CreatedAt, UpgradeAuditNames.Of(a.Status), a.SignedOffBy, a.SignedOffAt);
}
