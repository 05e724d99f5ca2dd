namespace BenchDashboard.Features.Reports.Archive;

/// <summary>An archived report as lists show it: which project and period, who issued it when, its SHA-256 (lowercase
/// hex) and size, and the audit event that recorded it.</summary>
public sealed record IssuedReportInfo(string ReportId, string ProjectSlug, string ProjectName, DateOnly From, DateOnly To,
    DateTime CreatedAt, string CreatedBy, string Sha256, long Bytes, long AuditSequence);
