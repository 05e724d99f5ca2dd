using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Reports.Archive;
using Microsoft.AspNetCore.Authorization;

namespace BenchDashboard.Features.Reports;

/// <summary>
/// The Reports page's download of an issued report for signed-in readers: pages take the sign-in cookie only, so the
/// page links here rather than to the API (as the bench and round exports do). The bytes are the stored ones, exactly
/// as issued, with the same <c>X-Report-Id</c> and <c>Repr-Digest</c> headers as the API's download.
/// </summary>
public static class ReportDownloads
{
    public static void MapReportDownloads(this WebApplication app)
    {
        app.MapGet(ReportLinks.DownloadTemplate, async (HttpContext http, string slug, string reportId, ProjectService projects, ReportArchive archive,
                CancellationToken ct) =>
            {
                var project = await projects.FindAsync(slug);
                if (project is null || await archive.GetAsync(project.Id, reportId, ct) is not { } file) return Results.NotFound();
                return file.Send(http.Response);
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = ReportPermissions.Readers })
            .ExcludeFromDescription();
    }
}
