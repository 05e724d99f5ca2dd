using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BenchDashboard.Features.Reports.Pdf.Layout;

/// <summary>
/// The footer of every page, drawn after the layout so it knows the page count: the report id and project on the left
/// (shortened to their room), "Page n of m" on the right.
/// </summary>
internal static class PageFooter
{
    public static void Draw(PdfDocument document, ReportCover cover, ReportStyle style, TextMeasure measure)
    {
        var count = document.PageCount;
        var y = PageFlow.PageHeight - PageFlow.BottomMargin + 22;
        for (var i = 0; i < count; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            g.DrawLine(style.RulePen, PageFlow.Margin, y - 5, PageFlow.PageWidth - PageFlow.Margin, y - 5);
            var page = $"Page {i + 1} of {count}";
            var pageWidth = measure.Width(page, style.Small);
            var left = measure.Shorten(SafeText.Line($"Audit report {cover.ReportId} · {cover.ProjectName}"), style.Small,
                PageFlow.PageWidth - 2 * PageFlow.Margin - pageWidth - 20);
            g.DrawString(left, style.Small, style.MutedBrush, PageFlow.Margin, y, XStringFormats.TopLeft);
            g.DrawString(page, style.Small, style.MutedBrush, PageFlow.PageWidth - PageFlow.Margin - pageWidth, y, XStringFormats.TopLeft);
        }
    }
}
