using BenchDashboard.Domain;
using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;
using Microsoft.AspNetCore.Authorization;

namespace BenchDashboard.Features.Bench.Export;

/// <summary>
/// The Bench page's downloads (<see cref="BenchExportMenu"/>) for signed-in leads and auditors: pages take the sign-in
/// cookie only, so the menu links here rather than to the API, as the sampling round's CSV/JSONL downloads do
/// (<c>RoundExports</c>). A GET that only reads needs no antiforgery token.
/// </summary>
public static class BenchExportDownloads
{
    public const string PathTemplate = "/p/{slug}/bench/cases/export";

    /// <summary>The download link for one format and the page's filters; the menu's links are exactly these.</summary>
    public static string Href(string slug, BenchCaseQuery query, string format) =>
        $"/p/{Uri.EscapeDataString(slug)}/bench/cases/export?" + string.Join("&", query.ToQueryParameters().Prepend("format=" + Uri.EscapeDataString(format)));

    public static void MapBenchExportDownloads(this WebApplication app)
    {
        app.MapGet(PathTemplate, async (string slug, string? format, string? status, string? source, string? since,
                ProjectService projects, BenchCaseExport export, TimeProvider clock, CancellationToken ct) =>
            {
                var project = await projects.FindAsync(slug);
                if (project is null) return Results.NotFound();
                var errors = new ValidationErrors();
                BenchCaseExport.CheckFormat(format, errors);
                var query = BenchCaseQuery.Parse(status, source, since, clock.GetUtcNow().UtcDateTime, errors);
                if (query is null || errors.Any) return ApiJson.Invalid(errors);
                var file = await export.ExportAsync(project.Id, project.Slug, query, format!, ct);
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.ReportReaders })
            .ExcludeFromDescription();
    }
}
