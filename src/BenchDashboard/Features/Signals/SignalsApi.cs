using System.Text.Json.Serialization;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Trends;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// One drift signal (API.md, "GET …/signals"); <see cref="Metric"/> only when one applies. The contract's fields come
/// first; the lifecycle fields are optional additions API.md allows (absent when empty).
/// </summary>
public sealed record SignalDto(string Kind, string? Metric, string Severity, string Since, string Summary, object Evidence)
{
    /// <summary>open (nobody acknowledged it yet), acknowledged, or snoozed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Status { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AcknowledgedBy { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTime? AcknowledgedAt { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Note { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SnoozedUntil { get; init; }
}

public sealed record SignalsResponse(string AsOf, IReadOnlyList<SignalDto> Signals);

/// <summary><c>GET …/signals?asOf=</c>: the engine's signals from data up to asOf (default today), most severe first.</summary>
public static class SignalsApi
{
    public static RouteGroupBuilder MapSignalsApi(this RouteGroupBuilder project)
    {
        project.MapGet("/signals", async (HttpContext http, SignalBoard signals, TimeProvider clock, string? asOf, CancellationToken ct) =>
            {
                var errors = new ValidationErrors();
                var now = clock.GetUtcNow().UtcDateTime;
                var date = TrendsApi.ParseDate(asOf, "asOf", DateOnly.FromDateTime(now), now, errors);
                if (errors.Any) return ApiJson.Invalid(errors);
                var board = await signals.GetAsync(http.Project().Id, date, ct);
                // The contract's order (most severe first, then longest-standing), whatever the team said about each.
                var ordered = board.Signals.OrderByDescending(s => s.Signal.Severity).ThenBy(s => s.Signal.Since).ThenBy(s => s.Signal.Kind, StringComparer.Ordinal);
                return Results.Ok(new SignalsResponse(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ordered.Select(s => s.ToDto()).ToList()));
            })
            .Produces<SignalsResponse>().ProducesValidationProblem()
            .WithSummary("Drift signals (divergence, stagnation, failure_churn, input_drift, coverage, cadence) computed from data up to asOf (default today), most severe first. " +
                         "Optional fields: status (open|acknowledged|snoozed), acknowledgedBy, acknowledgedAt, note, snoozedUntil. A divergence's since is its episode's onset.");
        return project;
    }
}
