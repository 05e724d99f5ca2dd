namespace BenchDashboard.Features.Reports.Content;

/// <summary>One triage step on a signal episode: when, by whom, the status it set, and the reason given.</summary>
public sealed record ReportTriageStep(DateTime At, string By, string Status, string? Reason);
