namespace BenchDashboard.Features.Reports.Content;

/// <summary>A named series of points in time order (may be empty: the chart then says "no data" for it).</summary>
public sealed record ReportSeries(string Name, IReadOnlyList<ReportPoint> Points);
