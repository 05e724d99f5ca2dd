namespace BenchDashboard.Features.Reports.Content;

/// <summary>A labelled count (a source, a category, …), as a composition table shows it.</summary>
public sealed record ReportCount(string Label, int Count);
