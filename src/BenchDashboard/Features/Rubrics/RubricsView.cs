namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// Everything the Rubrics page shows for one address: the versions (newest first), the diff asked for (or why it could
/// not be made), the current items over the quarter, and what may be missing from the rubric.
/// </summary>
public sealed record RubricsView(IReadOnlyList<RubricVersionView> Versions, RubricDiff? Diff, string? DiffProblem, CalendarQuarter Quarter,
    string? QuarterProblem, IReadOnlyList<CalendarQuarter> Quarters, ItemStatsView? ItemStats, MissingView Missing)
{
    /// <summary>The highest version number; null while the project has no rubric.</summary>
    public RubricVersionView? Current => Versions.Count == 0 ? null : Versions[0];
}
