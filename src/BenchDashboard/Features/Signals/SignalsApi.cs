using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals;

/// <summary>One drift signal (API.md, "GET …/signals"); <see cref="Metric"/> only when one applies.</summary>
public sealed record SignalDto(string Kind, string? Metric, string Severity, string Since, string Summary, object Evidence);

public sealed record SignalsResponse(string AsOf, IReadOnlyList<SignalDto> Signals);

/// <summary><c>GET …/signals?asOf=</c>: the engine's signals from data up to asOf (default today), most severe first.</summary>
public static class SignalsApi
{
    public static RouteGroupBuilder MapSignalsApi(this RouteGroupBuilder project)
    {
        project.MapGet("/signals", async (HttpContext http, SignalsService signals, TimeProvider clock, string? asOf, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                var date = TrendsApi.ParseDate(asOf, "asOf", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), errors);
                if (errors.Any) return ApiJson.Invalid(errors);
                var found = await signals.GetAsync(http.Project().Id, date, ct);
                return Results.Ok(new SignalsResponse(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    found.Select(s => s.ToDto()).ToList()));
            })
            .Produces<SignalsResponse>().ProducesValidationProblem()
            .WithSummary("Drift signals (divergence, stagnation, failure_churn, input_drift, coverage, cadence) computed from data up to asOf (default today), most severe first.");
        return project;
    }
}
