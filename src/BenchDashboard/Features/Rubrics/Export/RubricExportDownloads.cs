using BenchDashboard.Domain;
using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;
using Microsoft.AspNetCore.Authorization;

namespace BenchDashboard.Features.Rubrics.Export;

/// <summary>
/// Downloads of a rubric version for signed-in Leads and Auditors (pages take the sign-in cookie only, so the review page
/// links here rather than to the API, as the Bench page's exports do). A GET that only reads needs no antiforgery token.
/// </summary>
public static class RubricExportDownloads
{
    public const string PathTemplate = "/p/{slug}/rubrics/v{number:int}/export";

    public static string Href(string slug, int number, string format) =>
        $"/p/{Uri.EscapeDataString(slug)}/rubrics/v{number}/export?format={Uri.EscapeDataString(format)}";

    public static void MapRubricExportDownloads(this WebApplication app)
    {
        app.MapGet(PathTemplate, async (string slug, int number, string? format, ProjectService projects, RubricExport export, CancellationToken ct) =>
            {
                var project = await projects.FindAsync(slug);
                if (project is null) return Results.NotFound();
                if (format is null || !RubricExport.Formats.Contains(format))
                {
                    var errors = new ValidationErrors();
                    errors.Add("format", format is null
                        ? $"the query parameter format is required: one of {string.Join(", ", RubricExport.Formats)}"
                        : $"'{ErrorEcho.Quote(format)}' is not one of {string.Join(", ", RubricExport.Formats)}");
                    return ApiJson.Invalid(errors);
                }
                var file = await export.ExportAsync(project.Id, project.Slug, number, format, ct);
                return file is null ? Results.NotFound() : Results.File(file.Content, file.ContentType, file.FileName);
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = RubricPermissions.Readers })
            .ExcludeFromDescription();
    }
}
