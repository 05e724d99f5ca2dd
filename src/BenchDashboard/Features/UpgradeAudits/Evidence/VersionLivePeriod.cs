namespace BenchDashboard.Features.UpgradeAudits.Evidence;

/// <summary>
/// A pipeline version in production: deployed at <see cref="DeployedAt"/>, live until the next deployment (null while it
/// is the newest), and the traces that carry it.
/// </summary>
public sealed record VersionLivePeriod(int VersionId, string Version, DateTime DeployedAt, DateTime? LiveUntil, long Traces);
