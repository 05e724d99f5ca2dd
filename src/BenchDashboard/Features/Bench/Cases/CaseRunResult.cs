namespace BenchDashboard.Features.Bench.Cases;

/// <summary>
/// The case's result in one run. <see cref="Counted"/> is false for runs that started after the case was retired: the
/// result is kept, but it is not part of that run's pass rate.
/// </summary>
public sealed record CaseRunResult(string RunId, string Version, DateTime StartedAt, bool Passed, double? Score, bool Counted);
