using System.Runtime.CompilerServices;
using BenchDashboard.Data;
using BenchDashboard.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Ingestion;

/// <summary>The kinds of file a team can send, through the API or the Import page.</summary>
public enum ImportKind { Traces, Feedback, Metrics }

/// <summary>
/// Imports traces, feedback and daily metrics from a stream. The REST API and the Import page both come through
/// here, so a file behaves the same whichever way it arrives.
/// </summary>
public sealed class IngestionService(IDbContextFactory<AppDbContext> dbFactory)
{
    public static IReadOnlyList<BodyFormat> FormatsOf(ImportKind kind) => kind switch
    {
        ImportKind.Metrics => [BodyFormat.Json, BodyFormat.Csv],
        _ => [BodyFormat.Json, BodyFormat.Ndjson],
    };

    public Task<ImportOutcome> ImportAsync(int projectId, ImportKind kind, Stream body, BodyFormat format, ImportOptions options,
        CancellationToken ct = default)
    {
        if (!FormatsOf(kind).Contains(format)) throw new ArgumentException($"{kind} cannot be read from {format}.", nameof(format));
        return kind switch
        {
            ImportKind.Traces => ImportEngine.RunAsync(dbFactory, projectId, s => new TraceSink(s),
                errors => FromJson(body, format, errors, TraceRow.Parse, ct), options, ct),
            ImportKind.Feedback => ImportEngine.RunAsync(dbFactory, projectId, s => new FeedbackSink(s),
                errors => FromJson(body, format, errors, FeedbackRow.Parse, ct), options, ct),
            ImportKind.Metrics => ImportEngine.RunAsync(dbFactory, projectId, s => new MetricSink(s),
                errors => format == BodyFormat.Csv
                    ? MetricRow.ReadCsvAsync(body, errors, ct)
                    : FromJson(body, format, errors, MetricRow.Parse, ct), options, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static async IAsyncEnumerable<ParsedRow<TRow>> FromJson<TRow>(Stream body, BodyFormat format, ValidationErrors errors,
        Func<FieldReader, TRow?> parse, [EnumeratorCancellation] CancellationToken ct) where TRow : class
    {
        await foreach (var item in JsonItems.ReadAsync(body, format, errors, ct))
        {
            yield return new ParsedRow<TRow>(item.Location, parse(new FieldReader(item.Value, item.Location, errors)));
        }
    }
}
