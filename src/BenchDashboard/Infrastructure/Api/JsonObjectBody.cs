using System.Text.Json;

namespace BenchDashboard.Infrastructure.Api;

/// <summary>
/// The one prologue of an endpoint whose body is a single small JSON object (data deletions, sampling rounds): the body
/// is read whole, and a refused body (415, 413, empty), a syntax error or anything but an object is answered at once,
/// with the same problem details every such endpoint gives. Otherwise <see cref="Fields"/> reads the object's fields
/// into the same <see cref="ValidationErrors"/>. Disposing returns the parsed document's pooled memory.
/// </summary>
public sealed class JsonObjectBody : IDisposable
{
    private readonly JsonDocument? _document;
    private readonly FieldReader? _fields;

    private JsonObjectBody(JsonDocument? document, FieldReader? fields, IResult? problem)
    {
        _document = document;
        _fields = fields;
        Problem = problem;
    }

    /// <summary>The answer to give instead of reading fields; null when the body is a JSON object.</summary>
    public IResult? Problem { get; }

    /// <summary>The object's fields, located at <c>body</c>; only when <see cref="Problem"/> is null.</summary>
    public FieldReader Fields => _fields ?? throw new InvalidOperationException("The body was refused; answer its Problem instead.");

    /// <summary>The object itself, for nested objects a <see cref="FieldReader"/> does not read.</summary>
    public JsonElement Root => _document?.RootElement ?? throw new InvalidOperationException("The body was refused; answer its Problem instead.");

    public static async Task<JsonObjectBody> ReadAsync(HttpRequest request, ValidationErrors errors, CancellationToken ct)
    {
        var (problem, document) = await ApiJson.ReadBodyAsync(request, errors, ct);
        if (problem is not null) return new JsonObjectBody(null, null, problem);
        if (document is null) return new JsonObjectBody(null, null, ApiJson.Invalid(errors));
        var fields = new FieldReader(document.RootElement, "body", errors);
        if (fields.RequireObject()) return new JsonObjectBody(document, fields, null);
        document.Dispose();
        return new JsonObjectBody(null, null, ApiJson.Invalid(errors));
    }

    public void Dispose() => _document?.Dispose();
}
