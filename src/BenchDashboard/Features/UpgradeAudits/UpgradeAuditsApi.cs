using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary><c>POST …/upgrade-audits</c> (scope ingest), <c>GET …/upgrade-audits</c> and <c>GET …/upgrade-audits/{auditId}</c>
/// (scope read), API.md "Upgrade audits". Decisions and sign-off are made by a Lead in the UI.</summary>
public static class UpgradeAuditsApi
{
    public static RouteGroupBuilder MapUpgradeAuditCreateApi(this RouteGroupBuilder project)
    {
        project.MapPost("/upgrade-audits", OpenAsync)
            .Accepts<OpenUpgradeAuditRequest>("application/json")
            .Produces<UpgradeAuditContract>(StatusCodes.Status201Created).Produces<UpgradeAuditContract>().ProducesValidationProblem()
            .WithSummary("Opens the bench audit of an upgrade: the base run (old version) against the head run (new version), case by case. " +
                         "201 with the new audit (status open); the same pair again is 200 with the existing audit; an unknown run is a 404; " +
                         "runs of the same version, or a head older than its base, are a 400.");
        return project;
    }

    public static RouteGroupBuilder MapUpgradeAuditReadApi(this RouteGroupBuilder project)
    {
        project.MapGet("/upgrade-audits", async (HttpContext http, UpgradeAuditService audits, CancellationToken ct) =>
                Results.Ok((await audits.ListAsync(http.Project().Id, ct)).Select(UpgradeAuditSummaryContract.Of).ToList()))
            .Produces<List<UpgradeAuditSummaryContract>>()
            .WithSummary("Lists the project's upgrade audits, newest first, with their status and sign-off.");
        project.MapGet("/upgrade-audits/{auditId:int}", async (HttpContext http, UpgradeAuditService audits, int auditId, CancellationToken ct) =>
                await audits.GetAsync(http.Project().Id, auditId, ct) is { } audit
                    ? Results.Ok(UpgradeAuditContract.Of(audit))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown upgrade audit", detail: $"There is no upgrade audit {auditId} in this project."))
            .Produces<UpgradeAuditContract>()
            .WithSummary("One upgrade audit: pass rates, the paired difference with its 95 % interval (Newcombe), McNemar's exact p, the cases that " +
                         "changed and the Lead's decisions.");
        return project;
    }

    private static async Task<IResult> OpenAsync(HttpContext http, UpgradeAuditService audits, CancellationToken ct)
    {
        var project = http.Project();
        var errors = new ValidationErrors();
        using var body = await JsonObjectBody.ReadAsync(http.Request, errors, ct);
        if (body.Problem is not null) return body.Problem;
        var baseRunId = body.Fields.Id("baseRunId", required: true);
        var headRunId = body.Fields.Id("headRunId", required: true);
        if (errors.Any) return ApiJson.Invalid(errors);

        var opened = await audits.OpenAsync(project.Id, baseRunId!, headRunId!, http.User.Identity?.Name ?? "api", ct);
        switch (opened.Outcome)
        {
            case OpenAuditOutcome.UnknownRun:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown bench run", detail: opened.Problem);
            case OpenAuditOutcome.Invalid:
                errors.Add("body", opened.Problem!);
                return ApiJson.Invalid(errors);
        }
        var audit = UpgradeAuditContract.Of((await audits.GetAsync(project.Id, opened.AuditId, ct))!);
        return opened.Outcome == OpenAuditOutcome.Created
            ? Results.Created($"/api/v1/projects/{project.Slug}/upgrade-audits/{audit.AuditId}", audit)
            : Results.Ok(audit);
    }
}
