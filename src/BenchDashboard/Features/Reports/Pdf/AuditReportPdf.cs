using BenchDashboard.Features.Reports.Content;
using PdfSharp.Pdf;

namespace BenchDashboard.Features.Reports.Pdf;

/// <summary>
/// Lays an <see cref="AuditReport"/> out as a PDF.
/// STUB: an empty page with the report id in its properties (no font resolver yet); the real layout (embedded DejaVu, sections, vector charts) is being
/// built (issue 16).
/// </summary>
public sealed class AuditReportPdf
{
    public byte[] Render(AuditReport report)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Audit report {report.Cover.ReportId}";
        document.Info.Subject = $"{report.Cover.ProjectSlug} {report.Cover.From:yyyy-MM-dd} {report.Cover.To:yyyy-MM-dd}";
        document.AddPage();
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }
}
