using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Layout;

namespace BenchDashboard.Features.Reports.Pdf.Sections;

/// <summary>"Integrity": the audit chain's head at generation, whether it verified, the period's event count, and how to
/// check this file against the archive.</summary>
internal static class IntegritySection
{
    public const string Title = "Integrity";

    public const string HowToVerify =
        "How to verify this PDF: upload it on BenchDashboard's Verify page (Reports → Verify) or POST it to "
        + "/api/v1/reports/verify. The archive compares its SHA-256 with the hash stored when the report was issued "
        + "(also recorded in the report.issued audit event) and says whether this file is that report, unmodified, and "
        + "for which project and period. Any changed byte makes the check fail.";

    public static void Write(ReportWriter w, AuditReport report)
    {
        var integrity = report.Integrity;
        w.Section(Title);
        w.KeyValues([
            ("Audit chain head", $"sequence {ReportFormat.Number(integrity.HeadSequence)}"),
        ]);
        // The full hash on one line (smaller type), so it can be read and copied whole.
        w.KeyValues([("Head hash", integrity.HeadHash)], w.Style.Cell);
        w.KeyValues([
            ("Chain verified", ReportFormat.YesNo(integrity.ChainVerified) + (integrity.ChainVerified
                ? " (every entry's hash recomputed when this report was generated)"
                : " (the chain did NOT verify when this report was generated)")),
            ("Audit events in period", ReportFormat.Number(integrity.EventsInPeriod)),
        ]);
        w.Paragraph(HowToVerify);
    }
}
