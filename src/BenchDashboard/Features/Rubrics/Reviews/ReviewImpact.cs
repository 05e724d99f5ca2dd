namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>
/// What approving a review would do to the recent runs: each re-graded without the dropped items, and all of them pooled.
/// <see cref="WithoutOutcomes"/> results carried no per-item outcomes and kept their verdict.
/// </summary>
public sealed record ReviewImpact(IReadOnlyList<RunReGrade> Runs, IReadOnlyList<string> Dropped, int Results, int PassedNow, int PassedReGraded, int WithoutOutcomes)
{
    /// <summary>How many recent runs with per-item outcomes the impact reads (newest first).</summary>
    public const int RecentRuns = 10;

    public double RateNow => Results == 0 ? 0 : (double)PassedNow / Results;

    public double RateReGraded => Results == 0 ? 0 : (double)PassedReGraded / Results;

    /// <summary>Re-graded minus now, as a share (0.02 is 2 percentage points).</summary>
    public double Change => RateReGraded - RateNow;
}
