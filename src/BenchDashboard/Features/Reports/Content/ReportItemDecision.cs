namespace BenchDashboard.Features.Reports.Content;

/// <summary>A review's decision on one rubric item (keep, change, drop, add), the new wording where it changed, and why.</summary>
public sealed record ReportItemDecision(string ItemKey, string Decision, string? NewWording, string Rationale);
