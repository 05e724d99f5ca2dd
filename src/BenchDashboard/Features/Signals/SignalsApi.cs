using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals;

/// <summary>One drift signal (API.md, "GET …/signals"); <see cref="Metric"/> only when one applies.</summary>
public sealed record SignalDto(string Kind, string? Metric, string Severity, string Since, string Summary, object Evidence);

public sealed record SignalsResponse(string AsOf, IReadOnlyList<SignalDto> Signals);

/// <summary>
/// <c>GET …/signals</c>. The signal engine is the next issue's work; until it lands the endpoint answers the
/// contract's shape with no signals, so clients can be written against it now.
/// </summary>
public static class SignalsApi
{
    public static RouteGroupBuilder MapSignalsApi(this RouteGroupBuilder project)
    {
        project.MapGet("/signals", (TimeProvider clock, string? asOf) =>
            {
                var errors = new ValidationErrors();
                var date = TrendsApi.ParseDate(asOf, "asOf", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), errors);
                if (errors.Any) return ApiJson.Invalid(errors);
                return Results.Ok(new SignalsResponse(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), []));
            })
            .Produces<SignalsResponse>().ProducesValidationProblem()
            .WithSummary("Drift signals computed from data up to asOf (default today). Empty until the signal engine lands.");
        return project;
    }
}
