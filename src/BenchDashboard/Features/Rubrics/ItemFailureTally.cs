using BenchDashboard.Features.Ingestion;

namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// Counts per-item outcomes result by result, so a quarter of runs is read as a stream and never held whole. Outcomes
/// for keys the current rubric does not have (a dropped item in an older run) are left out; a run counts as one with
/// outcomes when any of its results reported one.
/// </summary>
public sealed class ItemFailureTally(CalendarQuarter quarter, IReadOnlyList<RubricItemView> items)
{
    private readonly Dictionary<string, int> index = items.Select((item, i) => (item.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
    private readonly int[,] outcomes = new int[items.Count, 3], failed = new int[items.Count, 3];
    private readonly HashSet<int> runs = [], runsWithOutcomes = [];
    private int resultsWithOutcomes;

    /// <summary>Notes a run of the quarter, so a run whose results carry nothing is still counted as a run.</summary>
    public void AddRun(int runId) => runs.Add(runId);

    public void AddResult(int runId, DateTime runStartedAt, string? itemOutcomesJson)
    {
        runs.Add(runId);
        var read = ItemOutcomes.Read(itemOutcomesJson);
        if (read.Count == 0) return;
        runsWithOutcomes.Add(runId);
        resultsWithOutcomes++;
        var month = (runStartedAt.Year - quarter.Start.Year) * 12 + runStartedAt.Month - quarter.Start.Month;
        if (month is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(runStartedAt), runStartedAt, $"Not in {quarter}.");
        foreach (var (key, passed) in read)
        {
            if (!index.TryGetValue(key, out var i)) continue;
            outcomes[i, month]++;
            if (!passed) failed[i, month]++;
        }
    }

    public ItemStatsView Result()
    {
        var months = quarter.Months;
        var stats = items.Select((item, i) =>
        {
            var perMonth = months.Select((m, j) => new MonthFailures(m, outcomes[i, j], failed[i, j])).ToList();
            return new ItemQuarterStats(item, perMonth.Sum(m => m.Outcomes), perMonth.Sum(m => m.Failed), perMonth);
        }).ToList();
        return new ItemStatsView(quarter, runs.Count, runs.Count - runsWithOutcomes.Count, resultsWithOutcomes, stats);
    }
}
