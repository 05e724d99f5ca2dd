namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// Everything one audit report says, section by section, as plain values (issue 16). <see cref="AuditReportBuilder"/>
/// gathers it from the same services the screens use, so every number equals what the screens show for the period;
/// <see cref="Pdf.AuditReportPdf"/> only lays it out. Keeping the two apart lets tests check the numbers without reading
/// a PDF, and the PDF without seeding a database.
/// </summary>
public sealed record AuditReport(
    ReportCover Cover,
    ReportSummary Summary,
    IReadOnlyList<ReportVersion> Scope,
    ReportMethod Method,
    ReportResults Results,
    IReadOnlyList<ReportRound> Rounds,
    IReadOnlyList<ReportRubricReview> RubricReviews,
    IReadOnlyList<ReportUpgradeAudit> UpgradeAudits,
    ReportIntegrity Integrity);
