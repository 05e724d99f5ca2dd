namespace BenchDashboard.Features.Signals.Rules;

/// <summary>One bench run in evidence: which run, of which version, when, and the share of its cases that passed.</summary>
public sealed record RunPassRate(string RunId, string Version, DateTime StartedAt, double PassRate);
