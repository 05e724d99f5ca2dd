namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>A version that replaced another, with its bench audit state: done (signed off), due or overdue; the open
/// audit when one is under way, and the runs an audit would compare by default (the latest of each version).</summary>
public sealed record VersionTransition(string Version, string Previous, DateTime DeployedAt, DateOnly DueBy, AuditState State,
    int? AuditId, bool AuditSignedOff, string? DefaultBaseRunId, string? DefaultHeadRunId);
