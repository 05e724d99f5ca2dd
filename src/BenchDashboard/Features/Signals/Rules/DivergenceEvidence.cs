using System.Globalization;
using System.Text.Json.Serialization;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// The numbers behind an open divergence episode. <see cref="Baseline"/> is the healthy reference window before the
/// onset, <see cref="Window"/> the days since the onset that the latest check covers (at most the rolling window).
/// </summary>
public sealed record DivergenceEvidence(
    string Metric, DateOnly Onset, DateOnly OpenedOn, DayRange Baseline, DayRange Window,
    double Before, double Now, long NBefore, long NNow, double PValue, string Test,
    double BenchBefore, double? BenchNow, int BenchRunsBefore, int BenchRunsNow,
    double MinimumEffect, double BenchShare, [property: JsonPropertyName("series")] IReadOnlyList<WeeklyValue> Weekly) : SignalEvidence
{
    public double Change => Now - Before;

    public static DivergenceEvidence From(DivergenceEpisode e, IReadOnlyList<MetricDay> days, SignalSettings settings)
    {
        var csat = e.Metric == TrendMetrics.Csat;
        var weekly = days.Where(d => d.Date >= e.ReferenceWindow.From && d.Date <= e.Latest.Day)
            .GroupBy(d => TrendsService.BucketStart(d.Date, TrendBucket.Week))
            .Select(g => new WeeklyValue(g.Key, g.Sum(d => d.Sum) / Math.Max(1, g.Sum(d => d.N)), g.Sum(d => d.N)))
            .ToList();
        return new DivergenceEvidence(e.Metric, e.Onset, e.OpenedOn, e.ReferenceWindow, e.Latest.Window,
            e.Reference.Mean, e.Latest.Now.Mean, e.Reference.N, e.Latest.Now.N, e.Latest.PValue,
            csat ? "Welch's t-test" : "two-proportion z-test",
            e.BenchReference.Mean, e.Latest.BenchNow?.Mean, e.BenchReference.Runs, e.Latest.BenchNow?.Runs ?? 0,
            csat ? settings.DivergenceMinCsatChange : settings.DivergenceMinRateChange, settings.DivergenceBenchShare, weekly);
    }

    /// <summary>A value in the metric's unit: CSAT on its 1–5 scale, rates as percentages.</summary>
    public string Format(double value) => Metric == TrendMetrics.Csat ? Say.Number(value) : Say.Percent(value);

    private string Difference(double value) => Metric == TrendMetrics.Csat
        ? (value < 0 ? "−" : "+") + Say.Number(Math.Abs(value))
        : (value < 0 ? "−" : "+") + Say.Points(value);

    /// <summary>What one observation of the metric is, for "of 5,600 answers".</summary>
    private string Unit => Metric switch
    {
        TrendMetrics.ThumbsUpRate => "thumbs",
        TrendMetrics.Csat => "ratings",
        _ => "traces",
    };

    public override IEnumerable<EvidenceFact> Facts()
    {
        var label = TrendMetrics.Label(Metric);
        yield return new("Onset (users started to notice)", $"{Say.Date(Onset)}; found on {Say.Date(OpenedOn)}");
        yield return new($"{label} before the onset", $"{Format(Before)} of {Count(NBefore)} {Unit}, {Say.Range(Baseline)}");
        yield return new($"{label} since", $"{Format(Now)} of {Count(NNow)} {Unit}, {Say.Range(Window)}");
        yield return new("Change", $"{Difference(Change)} (the smallest that counts: {(Metric == TrendMetrics.Csat ? Say.Number(MinimumEffect) : Say.Points(MinimumEffect))})");
        yield return new("Test", $"{Test}, {Say.P(PValue)}");
        yield return new("Bench pass rate before the onset", $"{Say.Percent(BenchBefore)} ({Runs(BenchRunsBefore)})");
        yield return new("Bench pass rate since", BenchNow is { } now ? $"{Say.Percent(now)} ({Runs(BenchRunsNow)})" : "no run since the onset");
        var points = Math.Abs(Metric == TrendMetrics.Csat ? Change / 4 : Change) * BenchShare;
        yield return new("The bench sees it when it falls by", $"at least {Say.Points(points)} beyond its run-to-run noise");
    }

    public override EvidenceSeries? Series() => Weekly.Count < 2 ? null
        : new EvidenceSeries($"{TrendMetrics.Label(Metric)} per week", Weekly.Select(v => new EvidencePoint(v.Week.ToDateTime(TimeOnly.MinValue), v.Value)).ToList(),
            IsRate: Metric != TrendMetrics.Csat);

    public override EvidenceDataView DataView(DateOnly asOf) => new(Metric, null, Baseline.From, asOf < Window.To ? Window.To : asOf);

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Runs(int runs) => runs == 1 ? "1 run" : $"{runs} runs";
}

/// <summary>One week of a metric in the evidence series: the week's Monday, its value and n.</summary>
public sealed record WeeklyValue([property: JsonPropertyName("t")] DateOnly Week, double Value, long N);
