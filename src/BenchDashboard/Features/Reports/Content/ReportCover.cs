namespace BenchDashboard.Features.Reports.Content;

/// <summary>The cover: which project and period, when and by whom the report was generated, and its id in the archive.
/// <paramref name="To"/> is inclusive (the period's last day).</summary>
public sealed record ReportCover(string ReportId, string ProjectName, string ProjectSlug, DateOnly From, DateOnly To,
    DateTime GeneratedAt, string GeneratedBy);
