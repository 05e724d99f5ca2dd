namespace BenchDashboard.Features.Reports.Content;

/// <summary>What a report is asked for: a project and a period (<paramref name="To"/> inclusive), and the archive's
/// stamp (id, time, actor) the cover prints.</summary>
public sealed record ReportRequest(int ProjectId, DateOnly From, DateOnly To, string ReportId, DateTime GeneratedAt, string GeneratedBy);
