namespace BenchDashboard.Features.Reports.Content;

/// <summary>The value axis of a metric: its range and whether values are fractions shown as percents (rates) or plain
/// numbers (CSAT 1–5).</summary>
public sealed record ReportAxis(double Min, double Max, bool Percent);
