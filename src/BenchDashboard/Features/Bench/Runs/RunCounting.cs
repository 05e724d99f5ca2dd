using BenchDashboard.Domain;

namespace BenchDashboard.Features.Bench.Runs;

/// <summary>
/// The one owner of which results a run's pass rate counts (data time, decision 0028): a case counts in the runs that
/// started before it was retired, and in none after, so retiring a case never moves a past pass rate. The Bench page,
/// the runs API, the trends and the signals all count through here.
/// </summary>
public static class RunCounting
{
    /// <summary>The rule, for results already in memory.</summary>
    public static bool CountsIn(DateTime? retiredAt, DateTime runStartedAt) => retiredAt is null || retiredAt > runStartedAt;

    /// <summary>
    /// Each run with its counts as one SQL query; with <paramref name="category"/>, over that category's cases only.
    /// The predicate is <see cref="CountsIn"/> written out, since a query cannot call it.
    /// </summary>
    public static IQueryable<RunSummary> Summaries(IQueryable<BenchRun> runs, string? category = null) =>
        runs.Select(r => new RunSummary(
            r.RunId, r.PipelineVersion!.Version, r.StartedAt,
            r.Results.Count(x => (x.BenchCase!.RetiredAt == null || x.BenchCase.RetiredAt > r.StartedAt)
                && (category == null || x.BenchCase.Category == category)),
            r.Results.Count(x => x.Passed && (x.BenchCase!.RetiredAt == null || x.BenchCase.RetiredAt > r.StartedAt)
                && (category == null || x.BenchCase.Category == category)),
            r.Results.Count(x => x.BenchCase!.RetiredAt != null && x.BenchCase.RetiredAt <= r.StartedAt
                && (category == null || x.BenchCase.Category == category))));
}
