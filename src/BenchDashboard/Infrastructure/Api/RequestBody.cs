using Microsoft.Net.Http.Headers;

namespace BenchDashboard.Infrastructure.Api;

/// <summary>
/// Checks an upload's content type and size, then copies it off the network into memory (small bodies) or a
/// temporary file that deletes itself (large ones). Importing from the copy means the database's single write lock
/// is held only while rows are written, never while a slow client is still uploading.
/// </summary>
public static class RequestBody
{
    /// <summary>API.md: "Body limit: 32 MiB (413 above)".</summary>
    public const long MaxBytes = 32L * 1024 * 1024;
    private const long MemoryThreshold = 4L * 1024 * 1024;

    public static string MediaType(BodyFormat format) => format switch
    {
        BodyFormat.Json => "application/json",
        BodyFormat.Ndjson => "application/x-ndjson",
        BodyFormat.Csv => "text/csv",
        BodyFormat.Pdf => "application/pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static BodyFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return null;
        var type = media.MediaType.Value?.ToLowerInvariant();
        return type switch
        {
            "application/json" => BodyFormat.Json,
            "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/x-jsonlines" => BodyFormat.Ndjson,
            "text/csv" => BodyFormat.Csv,
            "application/pdf" => BodyFormat.Pdf,
            _ => null,
        };
    }

    /// <summary>The buffered body, or the problem to answer (415, 413, 400 for an empty body).</summary>
    public static async Task<BufferedBody> BufferAsync(HttpRequest request, IReadOnlyCollection<BodyFormat> accepted, CancellationToken ct)
    {
        var format = FormatOf(request.ContentType);
        if (format is null || !accepted.Contains(format.Value))
        {
            return BufferedBody.Fail(Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type",
                detail: $"Content-Type '{ErrorEcho.Quote(request.ContentType ?? "")}' is not accepted here; send {string.Join(" or ", accepted.Select(MediaType))}."));
        }
        if (request.ContentLength > MaxBytes) return BufferedBody.Fail(TooLarge(request.ContentLength.Value));

        Stream copy = request.ContentLength is { } length && length <= MemoryThreshold
            ? new MemoryStream((int)length)
            : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81_920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[81_920];
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > MaxBytes)
                {
                    await copy.DisposeAsync();
                    return BufferedBody.Fail(TooLarge(null));
                }
                await copy.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            if (total == 0)
            {
                await copy.DisposeAsync();
                return BufferedBody.Fail(Results.Problem(statusCode: 400, title: "Empty body",
                    detail: $"The request body is empty; send {MediaType(format.Value)}."));
            }
            copy.Position = 0;
            return new BufferedBody(copy, format.Value, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (set to the same size) fired first.
            await copy.DisposeAsync();
            return BufferedBody.Fail(TooLarge(null));
        }
        catch
        {
            await copy.DisposeAsync();
            throw;
        }
    }

    private static IResult TooLarge(long? length) => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Body too large",
        detail: $"The body{(length is null ? "" : $" ({length:N0} bytes)")} exceeds the limit of {MaxBytes:N0} bytes (32 MiB); split it into several requests.");
}
