using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Bench;

/// <summary>Reading bench runs (API.md, "Reading"): the list, newest first, and a case-by-case comparison of two runs.</summary>
public static class BenchRunsApi
{
    public static RouteGroupBuilder MapBenchRunsApi(this RouteGroupBuilder project)
    {
        project.MapGet("/bench-runs", async (HttpContext http, BenchRunsService runs, CancellationToken ct) =>
                Results.Ok(await runs.ListAsync(http.Project().Id, ct)))
            .Produces<List<BenchRunListItem>>()
            .WithSummary("Lists the project's bench runs, newest first, with their case and pass counts.");

        project.MapGet("/bench-runs/compare", async (HttpContext http, BenchRunsService runs, string? @base, string? head, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                if (string.IsNullOrWhiteSpace(@base)) errors.Add("base", "the query parameter base (a runId) is required");
                if (string.IsNullOrWhiteSpace(head)) errors.Add("head", "the query parameter head (a runId) is required");
                if (errors.Any) return ApiJson.Invalid(errors);
                var comparison = await runs.CompareAsync(http.Project().Id, @base!, head!, ct);
                return comparison is null
                    ? Results.Problem(statusCode: 404, title: "Unknown bench run", detail: $"Run '{ErrorEcho.Quote(@base ?? "")}' or '{ErrorEcho.Quote(head ?? "")}' does not exist in this project.")
                    : Results.Ok(comparison);
            })
            .Produces<BenchRunComparison>().ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("Compares two runs case by case, with McNemar's exact p-value over the cases both ran.");
        return project;
    }
}
