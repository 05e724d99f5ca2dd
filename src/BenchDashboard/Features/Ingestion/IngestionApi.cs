using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Ingestion;

/// <summary>The ingestion endpoints of API.md (scope ingest): versions, bench runs, traces, feedback, daily metrics.</summary>
public static class IngestionApi
{
    public sealed record IngestResult(int Accepted, int Duplicates);

    public sealed record MetricsResult(int Accepted, int Updated, int Unchanged);

    public static RouteGroupBuilder MapIngestionApi(this RouteGroupBuilder project)
    {
        project.MapPost("/versions", PostVersionAsync)
            .Accepts<VersionContract>("application/json")
            .Produces(200).Produces(201).ProducesValidationProblem()
            .WithSummary("Records a deployed pipeline version (201), or updates its details (200). Only version and deployedAt are required; text fields up to 4,000 characters.");

        project.MapPost("/bench-runs", PostBenchRunAsync)
            .Accepts<BenchRunContract>("application/json")
            .Produces<BenchRunSummary>(201).Produces<BenchRunSummary>(200).ProducesValidationProblem().ProducesProblem(409)
            .WithSummary("Stores a bench run (201). Re-sending the same run answers 200 with duplicate=true; the same runId with other content is 409. Unknown cases and versions are created.");

        project.MapPost("/bench-runs/import", PostBenchRunFileAsync)
            .Accepts<object>("application/json")
            .Produces<BenchRunSummary>(201).Produces<BenchRunSummary>(200).ProducesValidationProblem().ProducesProblem(409)
            .WithSummary("Imports a bench run from a file: format=promptfoo takes the JSON written by `promptfoo eval --output results.json`. Query: runId, version, and provider when the file compares several providers.");

        project.MapPost("/traces", (HttpContext http, IngestionService ingestion, CancellationToken ct) =>
                ImportAsync(http, ingestion, ImportKind.Traces, ct))
            .Accepts<TraceContract[]>("application/json", "application/x-ndjson")
            .Produces<IngestResult>(200).ProducesValidationProblem().ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Stores production traces: a JSON array or NDJSON. traceId, timestamp (with zone) and input are required; input and output up to 65,536 characters, ids up to 256, category up to 128, metadata (an object) up to 16,384 characters of JSON.");

        project.MapPost("/feedback", (HttpContext http, IngestionService ingestion, CancellationToken ct) =>
                ImportAsync(http, ingestion, ImportKind.Feedback, ct))
            .Accepts<FeedbackContract[]>("application/json", "application/x-ndjson")
            .Produces<IngestResult>(200).ProducesValidationProblem().ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Stores feedback events: a JSON array or NDJSON. kind: thumbs_up, thumbs_down, csat (value 1–5 required), rewrite, retry, undo, format_error.");

        project.MapPost("/metrics", (HttpContext http, IngestionService ingestion, CancellationToken ct) =>
                ImportAsync(http, ingestion, ImportKind.Metrics, ct))
            .Accepts<MetricContract[]>("application/json", "text/csv")
            .Produces<MetricsResult>(200).ProducesValidationProblem().ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Stores daily aggregates: a JSON array or CSV with the header date,metric,value,n. The same date and metric updates the stored value.");
        return project;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, IngestionService ingestion, ImportKind kind, CancellationToken ct)
    {
        var project = http.Project();
        await using var body = await RequestBody.BufferAsync(http.Request, IngestionService.FormatsOf(kind), ct);
        if (body.Problem is not null) return body.Problem;

        var outcome = await ingestion.ImportAsync(project.Id, kind, body.Content!, body.Format, ImportOptions.Store, ct);
        if (outcome.Errors.Any) return ApiJson.Invalid(outcome.Errors);
        if (outcome.Conflicts.Any) return ApiJson.Conflict(outcome.Conflicts);
        if (kind != ImportKind.Metrics) return Results.Ok(new IngestResult(outcome.Accepted, outcome.Duplicates));

        await http.RequestServices.GetRequiredService<AuditLog>().AppendAsync(http.User.Identity?.Name ?? "api", AuditActions.MetricsImported,
            $"project:{project.Slug}", new { outcome.Accepted, outcome.Updated, outcome.Unchanged }, CancellationToken.None);
        return Results.Ok(new MetricsResult(outcome.Accepted, outcome.Updated, outcome.Unchanged));
    }

    private static async Task<IResult> PostVersionAsync(HttpContext http, VersionService versions, AuditLog audit, CancellationToken ct)
    {
        var project = http.Project();
        var errors = new ValidationErrors();
        var (problem, document) = await ApiJson.ReadBodyAsync(http.Request, errors, ct);
        if (problem is not null) return problem;
        using var _ = document;
        var request = document is null ? null : VersionRequest.Parse(document.RootElement, errors);
        if (request is null) return ApiJson.Invalid(errors);

        var created = await versions.UpsertAsync(project.Id, request, ct);
        await audit.AppendAsync(http.User.Identity?.Name ?? "api", AuditActions.VersionRecorded, $"project:{project.Slug}/version:{request.Version}",
            new { request.Version, request.DeployedAt, request.Model, created }, CancellationToken.None);
        var answer = new { request.Version, request.DeployedAt, request.Model, request.Prompt, request.Tools, request.DataSources, request.Notes };
        return created ? Results.Created($"/api/v1/projects/{project.Slug}/versions/{Uri.EscapeDataString(request.Version)}", answer) : Results.Ok(answer);
    }

    private static async Task<IResult> PostBenchRunAsync(HttpContext http, BenchRunImporter importer, AuditLog audit, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (problem, document) = await ApiJson.ReadBodyAsync(http.Request, errors, ct);
        if (problem is not null) return problem;
        using var _ = document;
        var run = document is null ? null : BenchRunRequest.Parse(document.RootElement, errors);
        return run is null ? ApiJson.Invalid(errors) : await StoreRunAsync(http, importer, audit, run, "api", ct);
    }

    private static async Task<IResult> PostBenchRunFileAsync(HttpContext http, BenchRunImporter importer, AuditLog audit,
        string? format, string? runId, string? version, string? provider, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!string.Equals(format, "promptfoo", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("format", format is null ? "the query parameter format is required; supported: promptfoo" : $"'{ErrorEcho.Quote(format)}' is not supported; supported: promptfoo");
            return ApiJson.Invalid(errors);
        }
        var (problem, document) = await ApiJson.ReadBodyAsync(http.Request, errors, ct);
        if (problem is not null) return problem;
        if (document is null) return ApiJson.Invalid(errors);
        using var _ = document;
        var run = PromptfooResults.ToBenchRun(document.RootElement, runId, version, provider, errors);
        return run is null || errors.Any ? ApiJson.Invalid(errors) : await StoreRunAsync(http, importer, audit, run, "promptfoo", ct);
    }


    private static async Task<IResult> StoreRunAsync(HttpContext http, BenchRunImporter importer, AuditLog audit, BenchRunRequest run,
        string source, CancellationToken ct)
    {
        var project = http.Project();
        var result = await importer.ImportAsync(project.Id, run, ct);
        switch (result.Status)
        {
            case BenchRunStatus.Conflict:
                return ApiJson.Conflict("runId", result.Conflict!);
            case BenchRunStatus.Duplicate:
                return Results.Ok(result.Summary);
            default:
                await audit.AppendAsync(http.User.Identity?.Name ?? "api", AuditActions.BenchRunImported, $"project:{project.Slug}/run:{run.RunId}",
                    new { source, run.Version, result.Summary!.Cases, result.Summary.Passed, result.Summary.NewCases }, CancellationToken.None);
                return Results.Created($"/api/v1/projects/{project.Slug}/bench-runs/{Uri.EscapeDataString(run.RunId)}", result.Summary);
        }
    }
}
