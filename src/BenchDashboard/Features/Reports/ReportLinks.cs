namespace BenchDashboard.Features.Reports;

/// <summary>The Reports pages' addresses, in one place for the pages, the downloads and the navigation.</summary>
public static class ReportLinks
{
    public const string DownloadTemplate = "/p/{slug}/reports/{reportId}.pdf";

    public static string Reports(string slug) => $"/p/{Uri.EscapeDataString(slug)}/reports";

    public static string Verify(string slug) => $"/p/{Uri.EscapeDataString(slug)}/reports/verify";

    public static string Download(string slug, string reportId) => $"/p/{Uri.EscapeDataString(slug)}/reports/{Uri.EscapeDataString(reportId)}.pdf";
}
