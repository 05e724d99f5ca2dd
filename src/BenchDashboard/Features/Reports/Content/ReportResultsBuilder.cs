using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The charts of the results section: for each user-experience metric, the bench pass rate against it over the period as
/// the Trends page draws them (<see cref="TrendsService"/> with the bucket Trends picks for the span,
/// <see cref="TrendsView.BucketFor"/>), each point with its 95 % interval, and the chart's markers: pipeline versions
/// deployed in the period and the rubric steps (<see cref="RubricStepQuery"/>) that fall in it. No charts when the period
/// holds no bench run and no production data.
/// </summary>
public sealed class ReportResultsBuilder(TrendsService trends, RubricStepQuery rubricSteps)
{
    public async Task<(bool HasData, IReadOnlyList<ReportChart> Charts)> BuildAsync(int projectId, ReportPeriod period, CancellationToken ct)
    {
        var result = await trends.GetAsync(projectId, period.From, period.To, TrendsView.BucketFor(period.From, period.To), ct);
        if (!result.Series.Values.Any(s => s.Count > 0)) return (false, []);
        var steps = await rubricSteps.StepsAsync(projectId, ct);
        var markers = result.Versions.Select(v => new ReportMarker(v.DeployedAt, v.Version, ReportMarkerKind.Version))
            .Concat(steps.Where(s => period.Contains(DateOnly.FromDateTime(s.FirstRunAt))).Select(s => new ReportMarker(s.FirstRunAt, s.Label, ReportMarkerKind.Rubric)))
            .OrderBy(m => m.At).ToList();
        var bench = Series(result, TrendMetrics.BenchPassRate);
        var charts = TrendMetrics.UserExperience
            .Select(m => new ReportChart($"{TrendMetrics.Label(TrendMetrics.BenchPassRate)} and {TrendMetrics.Label(m)}", bench, Series(result, m), Axis(m), markers))
            .ToList();
        return (true, charts);
    }

    private static ReportSeries Series(TrendsResult result, string metric) => new(TrendMetrics.Label(metric),
        result.Series[metric].Select(p => new ReportPoint(DateOnly.ParseExact(p.T, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            p.Value, p.Low, p.High)).ToList());

    /// <summary>Rates as fractions shown in percent on 0–100 %; CSAT on its 1–5 scale, as the Trends chart's axes.</summary>
    public static ReportAxis Axis(string metric) => metric == TrendMetrics.Csat
        ? new ReportAxis(UxMetricSource.CsatMin, UxMetricSource.CsatMax, Percent: false)
        : new ReportAxis(0, 1, Percent: true);
}
