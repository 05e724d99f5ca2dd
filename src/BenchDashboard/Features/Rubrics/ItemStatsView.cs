namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// The current rubric's items over a quarter, from the per-item outcomes of the quarter's bench runs. Results without
/// outcomes are not counted; <see cref="RunsWithoutOutcomes"/> says how many runs reported none at all.
/// </summary>
public sealed record ItemStatsView(CalendarQuarter Quarter, int Runs, int RunsWithoutOutcomes, int ResultsWithOutcomes,
    IReadOnlyList<ItemQuarterStats> Items)
{
    public int RunsWithOutcomes => Runs - RunsWithoutOutcomes;
}
