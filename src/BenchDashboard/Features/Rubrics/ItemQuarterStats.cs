namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// One item of the current rubric over a quarter: its outcomes in the quarter's runs, how many failed, and the same per
/// month. An item that never fails tells nothing about the pipeline: every case passes it, so it cannot tell a good
/// version from a bad one.
/// </summary>
public sealed record ItemQuarterStats(RubricItemView Item, int Outcomes, int Failed, IReadOnlyList<MonthFailures> Months)
{
    public double? FailureRate => Outcomes == 0 ? null : (double)Failed / Outcomes;

    /// <summary>Graded in the quarter and never failed.</summary>
    public bool NeverFails => Outcomes > 0 && Failed == 0;

    /// <summary>No run of the quarter reported an outcome for it.</summary>
    public bool NotGraded => Outcomes == 0;
}
