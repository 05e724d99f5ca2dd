using BenchDashboard.Features.ApiKeys;

namespace BenchDashboard.Features.Projects;

/// <summary>The projects part of the REST API (API.md, "Projects"). Writes arrive with the ingestion issue.</summary>
public static class ProjectsApi
{
    public sealed record ProjectDto(string Slug, string Name, string? Description);

    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects", async (ProjectService projects, HttpContext http, CancellationToken ct) =>
                (await projects.ListAsync(ct))
                    .Where(p => http.User.CanAccessProject(p.Slug))
                    .Select(p => new ProjectDto(p.Slug, p.Name, p.Description)))
            .RequireAuthorization(ApiAccess.Read)
            .WithName("ListProjects")
            .WithSummary("Lists the projects the caller may read.");
        return api;
    }
}
