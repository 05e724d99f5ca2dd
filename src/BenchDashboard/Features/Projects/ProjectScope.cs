using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Projects;

/// <summary>The project a <c>/projects/{slug}/…</c> request is about, resolved once by <see cref="ProjectScope"/>.</summary>
public sealed record ProjectRef(int Id, string Slug);

/// <summary>
/// Resolves <c>{slug}</c> for every project endpoint: 403 when the key is limited to another project, 404 when no
/// such project exists. Endpoints then read <see cref="ProjectRef"/> from the request's features.
/// </summary>
public static class ProjectScope
{
    public static RouteGroupBuilder MapProjectScope(this RouteGroupBuilder api) =>
        api.MapGroup("/projects/{slug}").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var slug = http.GetRouteValue("slug") as string ?? "";
            if (!http.User.CanAccessProject(slug))
            {
                return Results.Problem(statusCode: 403, title: "Forbidden", detail: $"This API key is limited to another project than '{ErrorEcho.Quote(slug)}'.");
            }
            var project = await http.RequestServices.GetRequiredService<ProjectService>().FindAsync(slug, http.RequestAborted);
            if (project is null)
            {
                return Results.Problem(statusCode: 404, title: "Unknown project", detail: $"There is no project '{ErrorEcho.Quote(slug)}'.");
            }
            http.Features.Set(new ProjectRef(project.Id, project.Slug));
            return await next(context);
        });

    public static ProjectRef Project(this HttpContext http) =>
        http.Features.Get<ProjectRef>() ?? throw new InvalidOperationException("The endpoint is not under MapProjectScope.");
}
