namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// One chart: the bench pass rate (left axis, 0–100 %) against one UX metric (right axis, <see cref="MetricAxis"/>), each
/// point with its 95 % interval where one exists, and the version and rubric markers that fall in the period.
/// </summary>
public sealed record ReportChart(string Title, ReportSeries Bench, ReportSeries Metric, ReportAxis MetricAxis,
    IReadOnlyList<ReportMarker> Markers);
