namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>One bench run re-graded without a review's dropped items (<see cref="RubricReGrade"/>).</summary>
public sealed record RunReGrade(string RunId, string Version, DateTime StartedAt, int Results, int PassedNow, int PassedReGraded, int WithoutOutcomes)
{
    public double RateNow => Results == 0 ? 0 : (double)PassedNow / Results;

    public double RateReGraded => Results == 0 ? 0 : (double)PassedReGraded / Results;

    /// <summary>Re-graded minus now, as a share (0.02 is 2 percentage points).</summary>
    public double Change => RateReGraded - RateNow;
}
