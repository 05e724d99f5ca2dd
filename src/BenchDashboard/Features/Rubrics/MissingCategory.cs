namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// A failure category reviewers used in the quarter's sampling rounds: how many failures they labelled with it, how many
/// of those the bench question applied to (<see cref="Asked"/>: yes or no, not "not applicable"), and how many the bench
/// would have caught, with the share's Wilson 95 % interval; and the current items that cover it (<see cref="RubricCoverage"/>).
/// </summary>
public sealed record MissingCategory(string Category, int Failures, int Asked, int Caught, double? CatchShare, double? CatchLow, double? CatchHigh,
    IReadOnlyList<string> CoveredBy)
{
    public bool Covered => CoveredBy.Count > 0;
}
