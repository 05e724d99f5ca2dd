using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Bench.Runs;

/// <summary>
/// One run in the Bench page's list. The pass rate is <see cref="Passed"/> of <see cref="Counted"/>: the cases in the
/// bench when the run started (data time); <see cref="NotCounted"/> results are of cases retired before it started.
/// </summary>
public sealed record RunSummary(string RunId, string Version, DateTime StartedAt, int Counted, int Passed, int NotCounted)
{
    public double? PassRate => Counted == 0 ? null : (double)Passed / Counted;

    /// <summary>Wilson 95 % interval of the pass rate.</summary>
    public (double Low, double High) Interval => Intervals.Wilson(Passed, Counted);
}
