namespace BenchDashboard.Features.Reports.Content;

/// <summary>A case an upgrade changed (newly failing, newly passing, …), with the lead's decision and rationale
/// (null while undecided).</summary>
public sealed record ReportCaseDecision(string CaseId, string Change, string? Decision, string? Rationale);
