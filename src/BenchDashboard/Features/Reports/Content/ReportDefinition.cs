namespace BenchDashboard.Features.Reports.Content;

/// <summary>A name and what it means or is set to: a metric's definition, or a signal threshold in force.</summary>
public sealed record ReportDefinition(string Name, string Meaning);
