namespace BenchDashboard.Features.Signals.Rules;

/// <summary>One category's share of production traffic and of bench cases (0–1), as input drift compared them.</summary>
public sealed record CategoryShare(string Category, double Production, double Bench);
