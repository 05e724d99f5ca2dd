using System.Globalization;
using BenchDashboard.Components.Shared.Charts;

namespace BenchDashboard.Features.Trends;

/// <summary>Turns a <see cref="TrendsResult"/> into a chart: the bench pass rate against one user-experience metric (or
/// alone when it is the metric asked for) on one time axis (rates in percent on the left axis, CSAT 1–5 on the right),
/// each line with its 95 % band, a dotted marker per pipeline version, a dash-dot one where runs under a new rubric version
/// began, and a red one where a signal started.</summary>
public static class TrendsChart
{
    private static readonly Dictionary<string, string> Colors = new()
    {
        [TrendMetrics.BenchPassRate] = "#1565c0",
        [TrendMetrics.ThumbsUpRate] = "#2e7d32",
        [TrendMetrics.Csat] = "#6a1b9a",
        [TrendMetrics.RewriteRate] = "#ef6c00",
        [TrendMetrics.RetryRate] = "#00838f",
        [TrendMetrics.UndoRate] = "#ad1457",
        [TrendMetrics.FormatErrorRate] = "#6d4c41",
    };

    /// <summary>A signal shown on the chart: where it started and what it says.</summary>
    public sealed record SignalMarker(DateOnly Since, string Label, string Summary);

    /// <summary>The chart of <paramref name="metric"/> beside the bench pass rate, with <paramref name="signals"/> that
    /// started in the range of <paramref name="trends"/>. <paramref name="scope"/> is what the chart belongs to (the
    /// project): with the time window it names what is plotted, so the user's zoom survives a change of bucket, metric or
    /// category and resets for another project or window.</summary>
    public static ChartFigure Build(TrendsResult trends, string metric, IReadOnlyList<SignalMarker>? signals = null, string scope = "",
        IReadOnlyList<RubricStep>? rubricSteps = null)
    {
        var series = new[] { TrendMetrics.BenchPassRate, metric }.Distinct().Select(m =>
        {
            var scale = m == TrendMetrics.Csat ? 1.0 : 100.0;
            var points = trends.Series[m].Select(p => new ChartPoint(
                DateTime.Parse(p.T, CultureInfo.InvariantCulture), p.Value * scale, p.Low * scale, p.High * scale, p.N)).ToList();
            return new ChartSeries(TrendMetrics.Label(m), Colors[m], points) { OnSecondAxis = m == TrendMetrics.Csat, ShowBand = true };
        }).ToList();

        var markers = trends.Versions.Select(v => new ChartMarker(v.DeployedAt, v.Version,
                $"{v.Version}: {v.Model} · {v.Prompt}{(string.IsNullOrEmpty(v.Notes) ? "" : " — " + v.Notes)}", ChartMarkerKind.Version))
            .Concat((signals ?? []).Where(s => s.Since >= trends.From && s.Since <= trends.To)
                .Select(s => new ChartMarker(s.Since.ToDateTime(TimeOnly.MinValue), s.Label, s.Summary, ChartMarkerKind.Signal)))
            .Concat((rubricSteps ?? []).Where(r => DateOnly.FromDateTime(r.FirstRunAt) >= trends.From && DateOnly.FromDateTime(r.FirstRunAt) <= trends.To)
                .Select(r => new ChartMarker(r.FirstRunAt, r.Label, RubricStepText.Of(r), ChartMarkerKind.Rubric)))
            .ToList();

        return new ChartFigure
        {
            Series = series,
            Y = new ChartAxis("Rate (%)", 0, 100, " %"),
            Y2 = series.Any(s => s.OnSecondAxis) ? new ChartAxis("CSAT (1–5)", 1, 5, Step: 0.5) : null,
            Markers = markers,
            Revision = $"{scope}|{trends.From:yyyy-MM-dd}|{trends.To:yyyy-MM-dd}",
        };
    }
}
