using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>
/// <c>POST …/rubric-versions</c> (scope ingest), <c>GET …/rubric-versions</c> and <c>GET …/rubric-reviews</c> (scope read),
/// API.md "Rubrics". Reviews are started, decided and approved by Leads in the UI.
/// </summary>
public static class RubricsApi
{
    public static RouteGroupBuilder MapRubricImportApi(this RouteGroupBuilder project)
    {
        project.MapPost("/rubric-versions", ImportAsync)
            .Accepts<RubricVersionImportContract>("application/json")
            .Produces<RubricVersionContract>(StatusCodes.Status201Created).Produces<RubricVersionContract>().ProducesValidationProblem().ProducesProblem(409)
            .WithSummary("Imports a rubric version (201, status imported). The same number with the same content again is 200; with other content 409 " +
                         "(versions are immutable). A number a bench run named before its rubric was imported is completed by its first import (201). " +
                         "number >= 1; 1 to 100 items with unique keys (up to 100 characters), descriptions up to 2,000, weight > 0 and <= 1,000 (default 1); notes up to 2,000.");
        return project;
    }

    public static RouteGroupBuilder MapRubricReadApi(this RouteGroupBuilder project)
    {
        project.MapGet("/rubric-versions", async (HttpContext http, RubricApiReader rubrics, CancellationToken ct) =>
                Results.Ok(await rubrics.VersionsAsync(http.Project().Id, ct)))
            .Produces<List<RubricVersionContract>>()
            .WithSummary("Lists the project's rubric versions, newest first, with their items in order; status imported or approved (by a quarterly review).");
        project.MapGet("/rubric-versions/{number:int}", async (HttpContext http, RubricApiReader rubrics, int number, CancellationToken ct) =>
                await rubrics.VersionAsync(http.Project().Id, number, ct) is { } version
                    ? Results.Ok(version)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown rubric version", detail: $"There is no rubric version {number} in this project."))
            .Produces<RubricVersionContract>().ProducesProblem(404)
            .WithSummary("One rubric version by its number, with its items in order.");
        project.MapGet("/rubric-reviews", async (HttpContext http, RubricApiReader rubrics, CancellationToken ct) =>
                Results.Ok(await rubrics.ReviewsAsync(http.Project().Id, ct)))
            .Produces<List<RubricReviewContract>>()
            .WithSummary("Lists the project's quarterly rubric reviews, newest first: status draft, submitted, approved or abandoned, who proposed and who " +
                         "approved it, and the decision on each item (keep, change, drop, add) with its rationale.");
        return project;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, RubricVersionImporter importer, RubricApiReader rubrics, CancellationToken ct)
    {
        var project = http.Project();
        var errors = new ValidationErrors();
        using var body = await JsonObjectBody.ReadAsync(http.Request, errors, ct);
        if (body.Problem is not null) return body.Problem;
        var request = RubricVersionRequest.Parse(body.Fields, errors);
        if (request is null) return ApiJson.Invalid(errors);

        var result = await importer.ImportAsync(project.Id, project.Slug, request, http.User.Identity?.Name ?? "api", ct);
        if (result.Outcome == RubricImportOutcome.Conflict) return ApiJson.Conflict("number", result.Conflict!);
        var version = (await rubrics.VersionAsync(project.Id, request.Number, ct))!;
        return result.Outcome == RubricImportOutcome.Unchanged
            ? Results.Ok(version)
            : Results.Created($"/api/v1/projects/{project.Slug}/rubric-versions/{request.Number}", version);
    }
}
