using System.Text.Json;
using System.Text.RegularExpressions;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Audit;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Projects;

/// <summary>The projects part of the REST API (API.md, "Projects").</summary>
public static partial class ProjectsApi
{
    public sealed record ProjectDto(string Slug, string Name, string? Description);

    [GeneratedRegex("^[a-z0-9-]{2,64}$")]
    public static partial Regex SlugPattern();

    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects", async (ProjectService projects, HttpContext http, CancellationToken ct) =>
                (await projects.ListAsync(ct))
                    .Where(p => http.User.CanAccessProject(p.Slug))
                    .Select(p => new ProjectDto(p.Slug, p.Name, p.Description)))
            .RequireAuthorization(ApiAccess.Read)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429)
            .WithName("ListProjects")
            .WithSummary("Lists the projects the caller may read.");

        api.MapPut("/projects/{slug}", PutAsync)
            .RequireAuthorization(ApiAccess.Admin)
            .Accepts<ProjectContract>("application/json")
            .Produces<ProjectDto>(200).Produces<ProjectDto>(201).ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(415).ProducesProblem(429)
            .WithName("PutProject")
            .WithSummary("Creates (201) or updates (200) a project. Slug: [a-z0-9-]{2,64}; name up to 200 characters, description up to 4,000.");
        return api;
    }

    /// <summary>The body of PUT /projects/{slug}, for the OpenAPI document (the endpoint checks fields itself).</summary>
    public sealed class ProjectContract
    {
        public required string Name { get; init; }
        public string? Description { get; init; }
    }

    private static async Task<IResult> PutAsync(string slug, HttpContext http, ProjectService projects, CancellationToken ct)
    {
        if (!http.User.CanAccessProject(slug))
        {
            return Results.Problem(statusCode: 403, title: "Forbidden", detail: $"This API key is limited to another project than '{ErrorEcho.Quote(slug)}'.");
        }
        var errors = new ValidationErrors();
        if (!SlugPattern().IsMatch(slug)) errors.Add("slug", $"'{ErrorEcho.Quote(slug)}' must be 2–64 characters of a–z, 0–9 and '-'");

        var (problem, document) = await ApiJson.ReadBodyAsync(http.Request, errors, ct);
        if (problem is not null) return problem;
        using var _ = document;
        string? name = null, description = null;
        if (document is not null)
        {
            var f = new FieldReader(document.RootElement, "body", errors);
            if (f.RequireObject())
            {
                name = f.Id("name", required: true, 200);
                description = f.Text("description", required: false, 4000);
            }
        }
        if (errors.Any) return ApiJson.Invalid(errors);

        var created = await projects.UpsertAsync(slug, name!, description, http.User.Identity?.Name ?? "api", ct);
        var dto = new ProjectDto(slug, name!, description);
        return created ? Results.Created($"/api/v1/projects/{slug}", dto) : Results.Ok(dto);
    }
}
