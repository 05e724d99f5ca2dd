using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Ingestion;

/// <summary>One element of an upload and where it came from ("line 17" in NDJSON, "item 3" in a JSON array).</summary>
public readonly record struct JsonItem(string Location, JsonElement Value);

/// <summary>
/// Streams the elements of a JSON array or the lines of NDJSON one at a time, so a 32 MiB upload is never held as
/// objects all at once. Syntax errors are recorded: NDJSON goes on with the next line (every bad line is named),
/// a broken JSON array ends the stream at the error's position.
/// </summary>
public static class JsonItems
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };
    private static readonly JsonSerializerOptions SerializerOptions = new() { MaxDepth = 64 };

    public static IAsyncEnumerable<JsonItem> ReadAsync(Stream body, BodyFormat format, ValidationErrors errors, CancellationToken ct) =>
        format switch
        {
            BodyFormat.Ndjson => ReadLinesAsync(body, errors, ct),
            BodyFormat.Json => ReadArrayAsync(body, errors, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(format), "JSON items come from JSON or NDJSON bodies."),
        };

    private static async IAsyncEnumerable<JsonItem> ReadArrayAsync(Stream body, ValidationErrors errors, [EnumeratorCancellation] CancellationToken ct)
    {
        if (!await StartsWithArrayAsync(body, ct))
        {
            errors.Add("body", "expected a JSON array of objects; for one object per line send Content-Type: application/x-ndjson");
            yield break;
        }
        await using var items = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, SerializerOptions, ct).GetAsyncEnumerator(ct);
        var index = 0;
        while (true)
        {
            bool hasNext;
            try
            {
                hasNext = await items.MoveNextAsync();
            }
            catch (JsonException ex)
            {
                errors.Add("body", $"not valid JSON after item {index} ({Where(ex)}): {JsonErrorText.Describe(ex)}");
                break;
            }
            if (!hasNext) break;
            index++;
            yield return new JsonItem($"item {index}", items.Current);
        }
    }

    private static async IAsyncEnumerable<JsonItem> ReadLinesAsync(Stream body, ValidationErrors errors, [EnumeratorCancellation] CancellationToken ct)
    {
        await SkipByteOrderMarkAsync(body, ct);
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 65_536, leaveOpen: true));
        try
        {
            long lineNumber = 0;
            while (true)
            {
                var result = await reader.ReadAsync(ct);
                var buffer = result.Buffer;
                while (TryTakeLine(ref buffer, out var line))
                {
                    lineNumber++;
                    // The document reads the pipe's memory in place; it stays valid until AdvanceTo below.
                    using var document = Parse(line, lineNumber, errors);
                    if (document is not null) yield return new JsonItem($"line {lineNumber}", document.RootElement);
                }
                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        lineNumber++;
                        using var last = Parse(buffer, lineNumber, errors);
                        if (last is not null) yield return new JsonItem($"line {lineNumber}", last.RootElement);
                    }
                    break;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    /// <summary>Null for blank lines (skipped) and for broken ones (recorded).</summary>
    private static JsonDocument? Parse(ReadOnlySequence<byte> line, long lineNumber, ValidationErrors errors)
    {
        if (IsBlank(line)) return null;
        try
        {
            return JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException ex)
        {
            errors.Add($"line {lineNumber}", $"not valid JSON ({Where(ex)}): {JsonErrorText.Describe(ex)}");
            return null;
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
            }
        }
        return true;
    }

    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Steps over a UTF-8 byte order mark (Windows tools write one) at the start of NDJSON, as the JSON reader does before
    /// an array and CsvHelper before CSV: the same file must not be accepted as one format and refused as another.
    /// </summary>
    private static async Task SkipByteOrderMarkAsync(Stream body, CancellationToken ct)
    {
        var start = body.Position;
        var head = new byte[Utf8ByteOrderMark.Length];
        var read = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (read < head.Length || !head.AsSpan().SequenceEqual(Utf8ByteOrderMark)) body.Position = start;
    }

    /// <summary>Peeks past whitespace (and a UTF-8 byte order mark) for '['; the stream is rewound.</summary>
    internal static async Task<bool> StartsWithArrayAsync(Stream body, CancellationToken ct)
    {
        var start = body.Position;
        var buffer = new byte[256];
        var read = await body.ReadAsync(buffer, ct);
        body.Position = start;
        var span = buffer.AsSpan(0, read);
        if (span.StartsWith(Utf8ByteOrderMark)) span = span[Utf8ByteOrderMark.Length..];
        foreach (var b in span)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b == (byte)'[';
        }
        return false;
    }

    private static string Where(JsonException ex) =>
        ex.LineNumber is { } line ? $"line {line + 1}, byte {ex.BytePositionInLine + 1}" : "position unknown";
}
