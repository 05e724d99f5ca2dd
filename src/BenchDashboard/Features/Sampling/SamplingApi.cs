using BenchDashboard.Domain;
using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Sampling;

/// <summary><c>POST …/sampling-rounds</c> (scope ingest) and <c>GET …/sampling-rounds/{roundId}</c> (scope read), API.md "Sampling".</summary>
public static class SamplingApi
{
    public sealed record StartRoundResponse(int RoundId, IReadOnlyList<string> TraceIds);

    public sealed record RoundResponse(int RoundId, string Period, string Status, int Size, int Reviewed, int Failures, int BenchWouldCatch,
        double? CatchRate, double? CatchRateLow, double? CatchRateHigh, int Gaps);

    /// <summary>The request body, for the OpenAPI document: period, size and strategy are required.</summary>
    public sealed record StartRoundRequest(string Period, int Size, string Strategy, int? Seed, string? From, string? To);

    public static RouteGroupBuilder MapSamplingCreateApi(this RouteGroupBuilder project)
    {
        project.MapPost("/sampling-rounds", StartAsync)
            .Accepts<StartRoundRequest>("application/json")
            .Produces<StartRoundResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Draws a sample of production traces (size 1–500; strategy uniform, stratified or negative_feedback) from the " +
                         "period's month or from..to, and opens a round assigned round-robin to the reviewers. The same seed over the same data " +
                         "draws the same sample; without a seed one is chosen and can be read back from the round.");
        return project;
    }

    public static RouteGroupBuilder MapSamplingReadApi(this RouteGroupBuilder project)
    {
        project.MapGet("/sampling-rounds/{roundId:int}", GetAsync)
            .Produces<RoundResponse>()
            .WithSummary("A round's progress and result: reviewed, failures, how many the bench would catch with the catch rate's 95 % Wilson interval, gaps.");
        return project;
    }

    private static async Task<IResult> StartAsync(HttpContext http, SamplingService sampling, CancellationToken ct)
    {
        var project = http.Project();
        var errors = new ValidationErrors();
        using var body = await JsonObjectBody.ReadAsync(http.Request, errors, ct);
        if (body.Problem is not null) return body.Problem;
        var f = body.Fields;
        var period = f.Id("period", required: true, 16);
        var size = f.Integer("size", required: true, RoundSettings.MinSize, RoundSettings.MaxSize);
        var strategyName = f.Id("strategy", required: true, 32);
        var seed = f.Integer("seed", required: false) ?? Random.Shared.Next();
        var from = f.Date("from", required: false);
        var to = f.Date("to", required: false);
        var strategy = RoundSettings.ParseStrategy(strategyName);
        if (strategyName is not null && strategy is null) f.Error("strategy", $"'{strategyName}' is not one of uniform, stratified, negative_feedback");
        var month = default((DateOnly From, DateOnly To));
        if (period is not null && !RoundSettings.TryMonthOf(period, null, out month)) f.Error("period", RoundSettings.PeriodProblem(period)!);
        if (from is null != to is null) f.Error(from is null ? "from" : "to", "from and to go together");
        if (errors.Any) return ApiJson.Invalid(errors);

        var (monthFrom, monthTo) = month;
        var settings = new RoundSettings(period!, size!.Value, strategy!.Value, seed, from ?? monthFrom, to ?? monthTo);
        var invalid = settings.Validate();
        if (invalid.Any) return ApiJson.Invalid(invalid);

        var reviewers = (await sampling.ReviewersAsync(ct)).Where(r => r.IsReviewer).Select(r => r.Id).ToList();
        try
        {
            var started = await sampling.StartAsync(project.Id, settings, reviewers, firstReviewers: null, http.User.Identity?.Name ?? "api", ct);
            return Results.Created($"/api/v1/projects/{project.Slug}/sampling-rounds/{started.RoundId}", new StartRoundResponse(started.RoundId, started.TraceIds));
        }
        catch (InvalidOperationException e)
        {
            errors.Add("body", e.Message);
            return ApiJson.Invalid(errors);
        }
    }

    private static async Task<IResult> GetAsync(HttpContext http, RoundService rounds, int roundId, CancellationToken ct)
    {
        var summary = await rounds.GetAsync(http.Project().Id, roundId, ct);
        if (summary is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no sampling round {roundId} in this project.");
        return Results.Ok(new RoundResponse(summary.RoundId, summary.Period, summary.Status == SamplingRoundStatus.Open ? "open" : "closed",
            summary.Size, summary.Reviewed, summary.Failures, summary.BenchWouldCatch, summary.CatchRate, summary.CatchRateLow, summary.CatchRateHigh,
            summary.Gaps));
    }
}
