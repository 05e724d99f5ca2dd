using BenchDashboard.Domain;
using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Trends;

/// <summary><c>GET …/trends</c> (API.md, "Reading"): the same series the Trends page draws.</summary>
public static class TrendsApi
{
    /// <summary>Ten years of days is far more than any chart shows; the limit keeps one request from asking for a century.</summary>
    public const int MaxDays = 3660;

    /// <summary>
    /// The answer of API.md; <c>unknownTraceFeedback</c> is an addition to the contract: rewrite, retry, undo and
    /// format-error events of the range whose trace is unknown (no traceId, or a trace never sent), left out of per-trace rates.
    /// </summary>
    public sealed record TrendsResponse(string From, string To, string Bucket, IReadOnlyDictionary<string, IReadOnlyList<TrendPoint>> Series,
        IReadOnlyList<VersionMarker> Versions, long UnknownTraceFeedback);

    public static RouteGroupBuilder MapTrendsApi(this RouteGroupBuilder project)
    {
        project.MapGet("/trends", GetAsync)
            .Produces<TrendsResponse>().ProducesValidationProblem()
            .WithSummary("Bench pass rate and the user-experience metrics per day, week or month with 95 % intervals. Defaults: the last 90 days to today, weekly. "
                + "Optional category: only that category's traces, feedback and bench cases (daily aggregates carry no category and are left out).");
        return project;
    }

    private static async Task<IResult> GetAsync(HttpContext http, TrendsService trends, TimeProvider clock,
        string? from, string? to, string? bucket, string? category, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var now = clock.GetUtcNow().UtcDateTime;
        var toDate = ParseDate(to, "to", DateOnly.FromDateTime(now), now, errors);
        var fromDate = ParseDate(from, "from", AcceptedDates.Clamp(toDate.AddDays(-89), now), now, errors);
        var bucketValue = TrendBucket.Week;
        if (bucket is not null && !TrendsView.TryParseBucket(bucket, out bucketValue))
        {
            errors.Add("bucket", $"'{ErrorEcho.Quote(bucket)}' is not one of day, week, month");
        }
        if (!errors.Any && toDate < fromDate) errors.Add("to", $"{toDate:yyyy-MM-dd} is before from ({fromDate:yyyy-MM-dd})");
        if (!errors.Any && toDate.DayNumber - fromDate.DayNumber > MaxDays) errors.Add("from", $"the range is longer than {MaxDays} days");
        if (category is { Length: 0 or > TrendsView.MaxCategoryLength }) errors.Add("category", $"must be 1 to {TrendsView.MaxCategoryLength} characters");
        if (errors.Any) return ApiJson.Invalid(errors);

        var result = await trends.GetAsync(http.Project().Id, fromDate, toDate, bucketValue, category, ct);
        return Results.Ok(new TrendsResponse(Format(result.From), Format(result.To), result.Bucket.ToString().ToLowerInvariant(),
            result.Series, result.Versions, result.UnknownTraceFeedback));
    }

    /// <summary>A date query parameter: <paramref name="fallback"/> when absent; a 400 when malformed or outside <see cref="AcceptedDates"/>.</summary>
    internal static DateOnly ParseDate(string? text, string name, DateOnly fallback, DateTime nowUtc, ValidationErrors errors)
    {
        if (text is null) return fallback;
        if (Dates.TryParse(text, nowUtc, out var date, out var problem)) return date;
        errors.Add(name, problem);
        return fallback;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
