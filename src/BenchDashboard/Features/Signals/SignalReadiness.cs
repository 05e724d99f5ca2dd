using BenchDashboard.Features.Signals.Rules;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// Whether there is enough data to say the bench and users agree. Without it an empty signal panel would claim
/// agreement it cannot know: divergence needs three windows of feedback (the current one and a reference before it) and
/// at least one bench run.
/// </summary>
public sealed record SignalReadiness(int FeedbackDays, int NeededFeedbackDays, int BenchRuns)
{
    public bool CanCompare => FeedbackDays >= NeededFeedbackDays && BenchRuns > 0;

    /// <summary>The sentence the panel shows when <see cref="CanCompare"/> is false.</summary>
    public string Explanation
    {
        get
        {
            var missing = new List<string>();
            if (FeedbackDays < NeededFeedbackDays)
                missing.Add($"{NeededFeedbackDays} days of user feedback (this project has {FeedbackDays} {(FeedbackDays == 1 ? "day" : "days")} with enough)");
            if (BenchRuns == 0) missing.Add("at least one bench run (it has none)");
            return "Not enough data yet to compare the bench with what users report: the signals need " + string.Join(" and ", missing) + ".";
        }
    }

    public static SignalReadiness Of(ProjectSignalData data, DateOnly asOf, SignalSettings settings)
    {
        // Days with a usable amount of feedback for the best-covered metric; a day needs a share of a window's minimum.
        var days = 0;
        foreach (var metric in TrendMetrics.UserExperience)
        {
            if (!data.Metrics.TryGetValue(metric, out var series) || series.Count == 0) continue;
            var minimum = metric == TrendMetrics.Csat ? DivergenceEpisodes.MinCsatSample : DivergenceEpisodes.MinRateSample;
            var first = series[0].Date;
            var total = series.Where(d => d.Date <= asOf).Sum(d => d.N);
            if (total < 2 * minimum) continue;
            days = Math.Max(days, asOf.DayNumber - first.DayNumber + 1);
        }
        var runs = data.Runs.Count(r => r.Total > 0 && DateOnly.FromDateTime(r.StartedAt) <= asOf);
        return new SignalReadiness(days, DivergenceEpisodes.FirstCheckWindows * settings.DivergenceWindowDays, runs);
    }
}
