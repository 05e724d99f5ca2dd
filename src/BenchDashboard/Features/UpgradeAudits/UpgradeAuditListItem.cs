using BenchDashboard.Domain;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>An audit in the list (API.md "Upgrade audits").</summary>
public sealed record UpgradeAuditListItem(int AuditId, string BaseRunId, string HeadRunId, string BaseVersion, string HeadVersion,
    DateTime CreatedAt, UpgradeAuditStatus Status, string? SignedOffBy, DateTime? SignedOffAt);
