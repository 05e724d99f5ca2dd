namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>A bench run offered on the "start audit" form.</summary>
public sealed record RunChoice(string RunId, string Version, DateTime StartedAt, int Cases, int Passed);
