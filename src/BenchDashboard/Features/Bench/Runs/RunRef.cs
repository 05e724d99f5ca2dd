namespace BenchDashboard.Features.Bench.Runs;

/// <summary>A run as the compare pickers name it.</summary>
public sealed record RunRef(string RunId, string Version, DateTime StartedAt);
