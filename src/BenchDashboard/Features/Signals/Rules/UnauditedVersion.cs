namespace BenchDashboard.Features.Signals.Rules;

/// <summary>A pipeline version live for <see cref="DaysLive"/> days without a bench audit, and the version it replaced.</summary>
public sealed record UnauditedVersion(string Version, DateTime DeployedAt, int DaysLive, string Previous, DateTime PreviousDeployedAt);
