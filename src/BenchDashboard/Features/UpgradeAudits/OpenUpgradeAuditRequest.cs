namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>The body of <c>POST …/upgrade-audits</c>: both run ids are required.</summary>
public sealed record OpenUpgradeAuditRequest(string BaseRunId, string HeadRunId);
