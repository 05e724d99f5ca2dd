namespace BenchDashboard.Features.UpgradeAudits.Evidence;

/// <summary>The upgrade audit's "production beside the bench": each user-experience metric on the two versions.</summary>
public sealed record ProductionBesideBench(VersionLivePeriod Base, VersionLivePeriod Head, IReadOnlyList<UxMetricComparison> Metrics);
