using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Bench.Export;

/// <summary><c>GET …/bench-cases</c> and <c>GET …/bench-cases/export</c> (API.md, "Bench cases"): the way back to the bench runner.</summary>
public static class BenchCasesApi
{
    public static RouteGroupBuilder MapBenchCasesApi(this RouteGroupBuilder project)
    {
        project.MapGet("/bench-cases", async (HttpContext http, BenchCaseExport export, TimeProvider clock,
                string? status, string? source, string? since, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                var query = BenchCaseQuery.Parse(status, source, since, clock.GetUtcNow().UtcDateTime, errors);
                if (query is null) return ApiJson.Invalid(errors);
                return Results.Ok(await export.ListAsync(http.Project().Id, query, ct));
            })
            .Produces<List<BenchCaseItem>>().ProducesValidationProblem()
            .WithSummary("Lists bench cases, ordered by case id. Filters: status=active|retired|all (default active), "
                + "source=imported|production_gap|incident (default any), since=YYYY-MM-DD (first seen on or after that day).");

        project.MapGet("/bench-cases/export", async (HttpContext http, BenchCaseExport export, TimeProvider clock,
                string? format, string? status, string? source, string? since, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                BenchCaseExport.CheckFormat(format, errors);
                var query = BenchCaseQuery.Parse(status, source, since, clock.GetUtcNow().UtcDateTime, errors);
                if (query is null || errors.Any) return ApiJson.Invalid(errors);
                var projectRef = http.Project();
                var file = await export.ExportAsync(projectRef.Id, projectRef.Slug, query, format!, ct);
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .Produces<string>(200, "text/yaml", "application/x-ndjson").ProducesValidationProblem()
            .WithSummary("Exports the same cases (same filters) for the bench runner: format=promptfoo, a promptfoo tests file (text/yaml); "
                + "format=jsonl, one case per line (application/x-ndjson). Results of a promptfoo run of the file import back onto the same case ids.");
        return project;
    }
}
