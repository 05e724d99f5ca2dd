using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace BenchDashboard.Benchmarks;

/// <summary>The app's FeedbackKind names, as stored in FeedbackEvents.Kind (<see cref="object.ToString"/> gives them).</summary>
internal enum Kind { ThumbsUp, ThumbsDown, Csat, Rewrite, Retry, Undo, FormatError }

/// <summary>One feedback event, with its id and trace id already spelled out.</summary>
internal sealed record FeedbackEvent(string EventId, string? TraceId, DateTime Timestamp, Kind Kind, double? Value)
{
    private static readonly string[] ApiKinds = ["thumbs_up", "thumbs_down", "csat", "rewrite", "retry", "undo", "format_error"];
    private static readonly string[] StoredKinds = Enum.GetNames<Kind>();

    public string ApiKind => ApiKinds[(int)Kind];
    public string StoredKind => StoredKinds[(int)Kind];

    /// <summary>The text the app stores (Timestamps.ToStorage in the app): UTC, <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>.</summary>
    public string StoredTimestamp => ToStorage(Timestamp);

    public static string ToStorage(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}

/// <summary>
/// A realistic, reproducible mix of feedback (fixed seed): 60 % thumbs (75 % up, 25 % down), 10 % CSAT with values 1–5,
/// 15 % rewrite, 8 % retry, 4 % undo, 3 % format error, timestamps spread uniformly over <see cref="Days"/> days.
/// </summary>
internal sealed class EventMix(int seed)
{
    public const int Days = 270;
    /// <summary>The first day of the 270: 2026-02-25 … 2026-11-21 (a fixed range, so runs compare).</summary>
    public static readonly DateOnly FirstDay = new(2026, 2, 25);
    public static DateOnly LastDay => FirstDay.AddDays(Days - 1);

    private readonly Random _random = new(seed);

    /// <summary>Cumulative shares: up 45 %, down 15 %, CSAT 10 %, rewrite 15 %, retry 8 %, undo 4 %, format error 3 %.</summary>
    private static readonly (double Below, Kind Kind)[] Shares =
    [
        (0.45, Kind.ThumbsUp), (0.60, Kind.ThumbsDown), (0.70, Kind.Csat), (0.85, Kind.Rewrite),
        (0.93, Kind.Retry), (0.97, Kind.Undo), (1.00, Kind.FormatError),
    ];

    public Kind NextKind()
    {
        var r = _random.NextDouble();
        foreach (var (below, kind) in Shares) if (r < below) return kind;
        return Kind.FormatError;
    }

    /// <summary>A whole second anywhere in the 270 days.</summary>
    public DateTime NextTimestamp() => NextTimestampOn(_random.Next(Days));

    /// <summary>A whole second on day <paramref name="day"/> (0-based) of the range.</summary>
    public DateTime NextTimestampOn(int day) =>
        FirstDay.AddDays(day).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddSeconds(_random.Next(86_400));

    public FeedbackEvent Next(string eventId, string? traceId, DateTime timestamp)
    {
        var kind = NextKind();
        double? value = kind == Kind.Csat ? _random.Next(1, 6) : null;
        return new FeedbackEvent(eventId, traceId, timestamp, kind, value);
    }

    public int NextInt(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Feedback events per trace (thumbs, CSAT, a rewrite…): every event names its trace, as production feedback does.</summary>
    public const int EventsPerTrace = 4;

    /// <summary>The trace ids the events of <see cref="Batches"/> name, to be stored before the events arrive.</summary>
    public static IEnumerable<string> TraceIds(string prefix, int count) =>
        Enumerable.Range(0, (count + EventsPerTrace - 1) / EventsPerTrace).Select(t => TraceId(prefix, t));

    private static string TraceId(string prefix, int trace) => $"tr-{prefix}-{trace:D8}";

    /// <summary>
    /// <paramref name="count"/> events with ids <c>{prefix}-{n:D8}</c>, each naming one of <see cref="TraceIds"/>, cut into
    /// batches of <paramref name="batchSize"/>; <paramref name="chronological"/>: in time order (ids too), else in random time order.
    /// </summary>
    public List<FeedbackEvent[]> Batches(string prefix, int count, int batchSize, bool chronological)
    {
        var timestamps = new DateTime[count];
        for (var i = 0; i < count; i++) timestamps[i] = NextTimestamp();
        if (chronological) Array.Sort(timestamps);
        var batches = new List<FeedbackEvent[]>();
        for (var start = 0; start < count; start += batchSize)
        {
            var batch = new FeedbackEvent[Math.Min(batchSize, count - start)];
            for (var i = 0; i < batch.Length; i++)
            {
                var n = start + i + 1;
                batch[i] = Next($"{prefix}-{n:D8}", TraceId(prefix, (n - 1) / EventsPerTrace), timestamps[n - 1]);
            }
            batches.Add(batch);
        }
        return batches;
    }
}

/// <summary>NDJSON request bodies, one JSON object per line, exactly as API.md shows them.</summary>
internal static class Ndjson
{
    public static byte[] Body(IReadOnlyList<FeedbackEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Count * 128);
        using var writer = new Utf8JsonWriter(buffer);
        foreach (var e in events)
        {
            writer.WriteStartObject();
            writer.WriteString("eventId", e.EventId);
            if (e.TraceId is not null) writer.WriteString("traceId", e.TraceId);
            writer.WriteString("timestamp", e.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("kind", e.ApiKind);
            if (e.Value is { } value) writer.WriteNumber("value", value);
            writer.WriteEndObject();
            writer.Flush();
            buffer.Write("\n"u8);
            // The next object is a new top-level value; Reset drops the writer's "a value was written" state.
            writer.Reset(buffer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
