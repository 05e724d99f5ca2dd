using System.Globalization;
using System.Text.Json;
using BenchDashboard.Features.Projects;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Admin;

/// <summary>
/// <c>POST …/data-deletions</c> (scope admin): deletes a project's traces, feedback and daily aggregates in a range of days
/// in two steps, as the Admin page does. Without <c>confirm</c> it only counts; with the counts it was shown it deletes,
/// unless the rows changed meanwhile (409 with the new counts).
/// </summary>
public static class DataDeletionApi
{
    /// <summary>The request body, for the OpenAPI document; <c>to</c> (exclusive) may be left out to reach every later day.</summary>
    public sealed record DataDeletionRequest(string From, string? To, DeletionCountsDto? Confirm);

    public sealed record DeletionCountsDto(long Traces, long Feedback, long Metrics, long TracesKept);

    public sealed record DataDeletionResponse(string From, string? To, bool Deleted, long Traces, long Feedback, long Metrics, long TracesKept);

    public static RouteGroupBuilder MapDataDeletionApi(this RouteGroupBuilder project)
    {
        project.MapPost("/data-deletions", PostAsync)
            .Accepts<DataDeletionRequest>("application/json")
            .Produces<DataDeletionResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Deletes the project's production traces, feedback events and daily aggregates from `from` up to (not including) `to` " +
                         "(or every later day without `to`). Without `confirm` it only counts; send the counts back as `confirm` to delete. " +
                         "Traces held by a sampling round are kept (tracesKept). Rollups are rebuilt and the deletion is audited.");
        return project;
    }

    private static async Task<IResult> PostAsync(HttpContext http, ProjectDataDeletion deletion, CancellationToken ct)
    {
        var project = http.Project();
        var errors = new ValidationErrors();
        using var body = await JsonObjectBody.ReadAsync(http.Request, errors, ct);
        if (body.Problem is not null) return body.Problem;
        var f = body.Fields;
        var from = Day(f, "from", required: true);
        var to = Day(f, "to", required: false);
        var confirm = Confirmed(body.Root, errors);
        if (errors.Any) return ApiJson.Invalid(errors);
        var range = new DeletionRange(from!.Value, to);
        if (range.Problem is { } rangeProblem)
        {
            errors.Add("to", rangeProblem);
            return ApiJson.Invalid(errors);
        }

        if (confirm is null) return Results.Ok(Response(range, false, await deletion.CountAsync(project.Id, range, ct)));
        var result = await deletion.DeleteAsync(project.Id, project.Slug, range, confirm, http.User.Identity?.Name ?? "api", ct);
        if (result.Deleted) return Results.Ok(Response(range, true, result.Counts));
        return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
            detail: "The rows in this range changed since they were counted; nothing was deleted. Confirm the new counts to delete.",
            extensions: new Dictionary<string, object?> { ["counts"] = Dto(result.Counts) });
    }

    /// <summary>
    /// A day <c>YYYY-MM-DD</c> of any year: unlike every other date of the API this one is not limited to the accepted days,
    /// because the rows to delete may lie outside them (times stored far in the future before they were refused).
    /// </summary>
    private static DateOnly? Day(FieldReader f, string field, bool required)
    {
        var text = f.Id(field, required, 10);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        f.Error(field, $"'{ErrorEcho.Quote(text)}' is not a date in the form YYYY-MM-DD");
        return null;
    }

    private static DeletionCounts? Confirmed(JsonElement body, ValidationErrors errors)
    {
        if (!body.TryGetProperty("confirm", out var confirm) || confirm.ValueKind == JsonValueKind.Null) return null;
        var f = new FieldReader(confirm, "confirm", errors);
        if (!f.RequireObject()) return null;
        int? Count(string field) => f.Integer(field, required: true, min: 0);
        var (traces, feedback, metrics, kept) = (Count("traces"), Count("feedback"), Count("metrics"), Count("tracesKept"));
        return traces is null || feedback is null || metrics is null || kept is null ? null : new DeletionCounts(traces.Value, feedback.Value, metrics.Value, kept.Value);
    }

    private static DataDeletionResponse Response(DeletionRange range, bool deleted, DeletionCounts counts) =>
        new(range.FromText, range.ToText, deleted, counts.Traces, counts.Feedback, counts.Metrics, counts.TracesKept);

    private static DeletionCountsDto Dto(DeletionCounts counts) => new(counts.Traces, counts.Feedback, counts.Metrics, counts.TracesKept);
}
