namespace BenchDashboard.Features.Reports.Content;

/// <summary>A vertical marker on the charts: a version going live or a rubric version taking effect.</summary>
public sealed record ReportMarker(DateTime At, string Label, ReportMarkerKind Kind);
