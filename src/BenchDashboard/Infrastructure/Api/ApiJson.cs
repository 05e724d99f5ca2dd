using System.Text.Json;

namespace BenchDashboard.Infrastructure.Api;

/// <summary>Problem-details answers and whole-document parsing shared by the API endpoints.</summary>
public static class ApiJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Parses a small JSON body whole; a syntax error is recorded and null returned.</summary>
    public static async Task<JsonDocument?> ParseAsync(Stream body, ValidationErrors errors, CancellationToken ct)
    {
        try
        {
            return await JsonDocument.ParseAsync(body, Options, ct);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            var message = ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd();
            errors.Add("body", $"not valid JSON{where}: {message}");
            return null;
        }
    }

    /// <summary>
    /// Reads a small JSON body whole: the problem to answer when the body is refused (415, 413, empty), else the
    /// document, or null with the syntax error recorded in <paramref name="errors"/>.
    /// </summary>
    public static async Task<(IResult? Problem, JsonDocument? Document)> ReadBodyAsync(HttpRequest request, ValidationErrors errors, CancellationToken ct)
    {
        await using var body = await RequestBody.BufferAsync(request, [BodyFormat.Json], ct);
        return body.Problem is not null ? (body.Problem, null) : (null, await ParseAsync(body.Content!, errors, ct));
    }

    /// <summary>400 naming every bad field or line; nothing was stored.</summary>
    public static IResult Invalid(ValidationErrors errors) => Results.ValidationProblem(errors.ToDictionary(),
        title: "Invalid request",
        detail: $"{errors.Count} problem{(errors.Count == 1 ? "" : "s")} found; nothing from this request was stored.");

    /// <summary>409 naming every id that was sent before with other content; nothing was stored.</summary>
    public static IResult Conflict(ValidationErrors conflicts) => Results.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "Conflict",
        detail: $"{conflicts.Count} id{(conflicts.Count == 1 ? " was" : "s were")} sent before with different content; nothing from this request was stored.",
        extensions: new Dictionary<string, object?> { ["errors"] = conflicts.ToDictionary() });

    public static IResult Conflict(string location, string message)
    {
        var conflicts = new ValidationErrors();
        conflicts.Add(location, message);
        return Conflict(conflicts);
    }
}
