using BenchDashboard.Features.Trends;
using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// divergence: over the rolling window a user-experience metric got significantly worse (two-proportion z-test for
/// rates, Welch's t-test for CSAT) by at least the minimum effect, while the bench pass rate did not drop by the bench
/// threshold. Both conditions, a test and an effect size, keep two noisy flat series quiet: with ~200 events a day a
/// 3-point move over 28 days is about four standard errors, chance alone rarely gets there.
/// </summary>
internal static class DivergenceRule
{
    private const int MinRateSample = 100;
    private const int MinCsatSample = 30;
    private const int MaxLookBackDays = 180;

    private sealed record Finding(string Metric, DayRange Window, DayRange Baseline, double Before, double Now, long NBefore, long NNow,
        double PValue, double BenchBefore, double BenchNow)
    {
        public double Change => Now - Before;
    }

    public static IEnumerable<Signal> Evaluate(ProjectSignalData data, DateOnly asOf, SignalSettings settings)
    {
        foreach (var metric in TrendMetrics.UserExperience)
        {
            if (!data.Metrics.TryGetValue(metric, out var days) || days.Count == 0) continue;
            if (Check(data, metric, days, asOf, settings) is not { } finding) continue;
            var since = Since.WalkBack(asOf, MaxLookBackDays, day => Check(data, metric, days, day, settings) is not null);
            yield return ToSignal(finding, since, days, settings);
        }
    }

    private static Finding? Check(ProjectSignalData data, string metric, IReadOnlyList<MetricDay> days, DateOnly day, SignalSettings settings)
    {
        var window = DayRange.Ending(day, settings.DivergenceWindowDays);
        var baseline = DayRange.Ending(window.From.AddDays(-1), settings.DivergenceWindowDays);
        var now = Sum(days, window);
        var before = Sum(days, baseline);
        var csat = metric == TrendMetrics.Csat;
        var minimum = csat ? MinCsatSample : MinRateSample;
        if (now.N < minimum || before.N < minimum) return null;

        double p;
        if (csat)
        {
            p = WelchTTest.Test(now.Mean, now.Variance, now.N, before.Mean, before.Variance, before.N).PValue;
        }
        else
        {
            p = TwoProportionZTest.Test((long)Math.Round(now.Sum), now.N, (long)Math.Round(before.Sum), before.N).PValue;
        }
        var change = now.Mean - before.Mean;
        var worse = HigherIsBetter(metric) ? -change : change;
        var minimumChange = csat ? settings.DivergenceMinCsatChange : settings.DivergenceMinRateChange;
        if (worse < minimumChange || p >= settings.DivergenceAlpha) return null;

        // The bench saw it too when its pass rate fell by the bench threshold: then there is no divergence.
        var benchNow = BenchRate(data.Runs, window);
        var benchBefore = BenchRate(data.Runs, baseline);
        if (double.IsNaN(benchNow) || double.IsNaN(benchBefore)) return null;
        if (benchBefore - benchNow >= settings.DivergenceBenchDrop) return null;
        return new Finding(metric, window, baseline, before.Mean, now.Mean, before.N, now.N, p, benchBefore, benchNow);
    }

    private static Signal ToSignal(Finding f, DateOnly since, IReadOnlyList<MetricDay> days, SignalSettings settings)
    {
        var csat = f.Metric == TrendMetrics.Csat;
        var minimum = csat ? settings.DivergenceMinCsatChange : settings.DivergenceMinRateChange;
        var severity = Math.Abs(f.Change) >= 2 * minimum ? SignalSeverity.Alert : SignalSeverity.Warning;
        string Value(double v) => csat ? Say.Number(v) : Say.Percent(v);
        var moved = HigherIsBetter(f.Metric) ? "fell" : "rose";
        var summary = $"{TrendMetrics.Label(f.Metric)} {moved} from {Value(f.Before)} to {Value(f.Now)} over the last {settings.DivergenceWindowDays} days " +
                      $"({Say.P(f.PValue)}) while the bench pass rate stayed at {Say.Percent(f.BenchNow)} (was {Say.Percent(f.BenchBefore)}): " +
                      "the bench no longer measures what users feel.";
        var weekly = days.Where(d => d.Date >= f.Baseline.From && d.Date <= f.Window.To)
            .GroupBy(d => TrendsService.BucketStart(d.Date, TrendBucket.Week))
            .Select(g => new { t = g.Key, value = g.Sum(d => d.Sum) / Math.Max(1, g.Sum(d => d.N)), n = g.Sum(d => d.N) })
            .ToList();
        return new Signal(SignalKinds.Divergence, f.Metric, severity, since, summary, new
        {
            window = f.Window, baseline = f.Baseline,
            before = f.Before, now = f.Now, change = f.Change, nBefore = f.NBefore, nNow = f.NNow, pValue = f.PValue,
            test = csat ? "Welch's t-test" : "two-proportion z-test",
            benchBefore = f.BenchBefore, benchNow = f.BenchNow,
            series = weekly,
        });
    }

    internal static bool HigherIsBetter(string metric) => metric is TrendMetrics.ThumbsUpRate or TrendMetrics.Csat;

    internal readonly record struct Totals(double Sum, double SumOfSquares, long N)
    {
        public double Mean => N == 0 ? double.NaN : Sum / N;
        public double Variance => Intervals.Variance(Sum, SumOfSquares, N);
    }

    internal static Totals Sum(IReadOnlyList<MetricDay> days, DayRange range)
    {
        double sum = 0, squares = 0;
        long n = 0;
        foreach (var day in days)
        {
            if (!range.Contains(day.Date)) continue;
            sum += day.Sum;
            squares += day.SumOfSquares;
            n += day.N;
        }
        return new Totals(sum, squares, n);
    }

    /// <summary>Pooled pass rate of the runs in the range, else of the latest run before it; NaN without any run.</summary>
    internal static double BenchRate(IReadOnlyList<RunOutcome> runs, DayRange range)
    {
        var inRange = runs.Where(r => range.Contains(r.StartedAt) && r.Total > 0).ToList();
        if (inRange.Count == 0)
        {
            var latest = runs.Where(r => DateOnly.FromDateTime(r.StartedAt) < range.From && r.Total > 0).MaxBy(r => r.StartedAt);
            if (latest is null) return double.NaN;
            inRange.Add(latest);
        }
        return (double)inRange.Sum(r => r.PassedCount) / inRange.Sum(r => r.Total);
    }
}
