using BenchDashboard.Domain;
using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Trends;

/// <summary>
/// The one owner of "a user-experience metric from events where the day has them, else from the daily aggregate the team
/// sent", and of each metric's value and 95 % interval. The Trends page and API (any bucket) and the signal engine all
/// take their numbers from here, so a chart and a signal never disagree about the same day.
/// </summary>
/// <remarks>
/// The choice is made per day and per metric, then days add up: a week with three days of events and four days of
/// aggregates shows all seven. Kinds of ratio:
/// <list type="bullet">
/// <item>Thumbs-up rate and CSAT are per answer: every answer counts, also the feedback of traces never sent (an answer
/// about an unknown trace is still an answer).</item>
/// <item>Rewrite, retry, undo and format-error rates are per trace: of the traces of a day, the share that got the event
/// at least once (<see cref="DailyRollup.RewrittenTraces"/>), so they can never pass 100 %. Feedback whose trace is
/// unknown is left out (counted in <see cref="DailyRollup.UnknownTraceFeedback"/>). A day with traces but no event of
/// the kind reads 0 %, unless the team sent an aggregate for that day: then the aggregate is the better knowledge.</item>
/// </list>
/// </remarks>
public static class UxMetricSource
{
    public const double CsatMin = 1, CsatMax = 5;

    /// <summary>
    /// Daily CSAT aggregates carry a mean and n but no spread. Welch's test and the chart's band need one, so an answer's
    /// variance is taken as 1 (an SD of one point, typical of a 1–5 scale), never more than the largest variance a
    /// 1–5 scale allows at that mean (Bhatia–Davis: (mean − 1)(5 − mean)); a band of zero width would claim certainty.
    /// </summary>
    public const double AssumedCsatVariance = 1;

    /// <summary>The per-trace rates and the feedback kind each counts.</summary>
    public static readonly IReadOnlyDictionary<string, FeedbackKind> PerTraceKinds = new Dictionary<string, FeedbackKind>
    {
        [TrendMetrics.RewriteRate] = FeedbackKind.Rewrite,
        [TrendMetrics.RetryRate] = FeedbackKind.Retry,
        [TrendMetrics.UndoRate] = FeedbackKind.Undo,
        [TrendMetrics.FormatErrorRate] = FeedbackKind.FormatError,
    };

    /// <summary>
    /// One day's sample of each user-experience metric that has data that day: <paramref name="events"/> is the day's
    /// rollup (one category, or the categories added up; null without events), <paramref name="aggregates"/> the daily
    /// aggregates of that day (any order; metrics the dashboard does not know are ignored).
    /// </summary>
    public static Dictionary<string, MetricSample> Day(DailyRollup? events, IEnumerable<DailyMetric> aggregates)
    {
        var sent = new Dictionary<string, MetricSample>();
        foreach (var m in aggregates)
        {
            if (m.N > 0 && TrendMetrics.UserExperience.Contains(m.Metric)) sent[m.Metric] = FromAggregate(m.Metric, m.Value, m.N);
        }
        var day = new Dictionary<string, MetricSample>();
        void Use(string metric, MetricSample? fromEvents)
        {
            if (fromEvents is { N: > 0 } e) day[metric] = e;
            else if (sent.TryGetValue(metric, out var a)) day[metric] = a;
        }

        var r = events ?? new DailyRollup();
        Use(TrendMetrics.ThumbsUpRate, MetricSample.Rate(r.ThumbsUp, r.ThumbsUp + r.ThumbsDown));
        Use(TrendMetrics.Csat, new MetricSample(r.CsatSum, r.CsatSumOfSquares, r.CsatCount));
        foreach (var (metric, kind) in PerTraceKinds)
        {
            var withKind = r.TracesWith(kind);
            Use(metric, withKind > 0 || !sent.ContainsKey(metric) ? MetricSample.Rate(withKind, r.Traces) : null);
        }
        return day;
    }

    /// <summary>The sample a daily aggregate (value over n answers or traces) stands for.</summary>
    public static MetricSample FromAggregate(string metric, double value, long n)
    {
        if (metric != TrendMetrics.Csat) return MetricSample.Rate(value * n, n);
        var variance = Math.Min(AssumedCsatVariance, Math.Max(0, (value - CsatMin) * (CsatMax - value)));
        // Sum of squares of n answers with this mean and variance (population form; n is large for aggregates).
        return new MetricSample(value * n, n * (value * value + variance), n);
    }

    /// <summary>
    /// The point a chart and the API show for <paramref name="sample"/>: its value, n and 95 % interval (Wilson for rates,
    /// the normal interval of a mean for CSAT); null without data. Works for the bench pass rate too (a rate).
    /// </summary>
    public static TrendPoint? Point(string metric, MetricSample sample, string t)
    {
        if (sample.N <= 0) return null;
        var value = sample.Mean;
        if (metric == TrendMetrics.Csat)
        {
            // One answer says nothing about the spread: the band is the whole scale rather than a single point.
            if (sample.N < 2) return new TrendPoint(t, value, sample.N, CsatMin, CsatMax);
            var (_, low, high) = Intervals.Mean(sample.Sum, sample.SumOfSquares, sample.N);
            return new TrendPoint(t, value, sample.N, Math.Max(CsatMin, low), Math.Min(CsatMax, high));
        }
        var successes = Math.Clamp((long)Math.Round(sample.Sum), 0, sample.N);
        var (rateLow, rateHigh) = Intervals.Wilson(successes, sample.N);
        return new TrendPoint(t, value, sample.N, rateLow, rateHigh);
    }
}
