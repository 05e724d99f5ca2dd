namespace BenchDashboard.Domain;

/// <summary>One request/response of the production system, as sent by the ingestion API.</summary>
public class ProductionTrace
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public required string TraceId { get; set; }
    public DateTime Timestamp { get; set; }
    public int? PipelineVersionId { get; set; }
    public required string Input { get; set; }
    public string? Output { get; set; }
    public string? Category { get; set; }
    public string? MetadataJson { get; set; }
}

/// <summary>The user-experience signals a production system reports about a trace.</summary>
public enum FeedbackKind { ThumbsUp, ThumbsDown, Csat, Rewrite, Retry, Undo, FormatError }

public class FeedbackEvent
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public required string EventId { get; set; }
    public string? TraceId { get; set; }
    public DateTime Timestamp { get; set; }
    public FeedbackKind Kind { get; set; }
    /// <summary>CSAT score 1–5; unused by the other kinds.</summary>
    public double? Value { get; set; }
}

/// <summary>A daily aggregate for teams that send rates instead of events (metric names as in API.md).</summary>
public class DailyMetric
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public DateOnly Date { get; set; }
    public required string Metric { get; set; }
    public double Value { get; set; }
    public int N { get; set; }
}

/// <summary>
/// Per-project, per-day, per-category totals of traces and feedback, kept current by every import in the same
/// transaction as the rows themselves, so trends read a few rows per day instead of scanning millions of events.
/// Feedback counts under its trace's category; feedback whose trace is unknown (not sent yet, or no trace id) counts
/// under <see cref="NoCategory"/> and moves to the trace's category when the trace arrives.
/// </summary>
public class DailyRollup
{
    /// <summary>The category of traces without one, and of feedback whose trace is not known.</summary>
    public const string NoCategory = "";

    public int ProjectId { get; set; }
    public DateOnly Date { get; set; }
    public string Category { get; set; } = NoCategory;
    public long Traces { get; set; }
    public long ThumbsUp { get; set; }
    public long ThumbsDown { get; set; }
    public long CsatCount { get; set; }
    public double CsatSum { get; set; }
    public double CsatSumOfSquares { get; set; }
    public long Rewrites { get; set; }
    public long Retries { get; set; }
    public long Undos { get; set; }
    public long FormatErrors { get; set; }

    // Per-trace rates (rewrite, retry, undo, format error) need a numerator that can never outgrow its denominator:
    // the traces of this day and category that got the event at least once, counted on the TRACE's day (however many
    // such events it got, and whenever they arrived), so "of the traces of that day, the share that got rewritten".
    // The event counts above stay on the feedback's day.

    /// <summary>Traces of this day and category with at least one rewrite.</summary>
    public long RewrittenTraces { get; set; }
    /// <summary>Traces of this day and category with at least one retry.</summary>
    public long RetriedTraces { get; set; }
    /// <summary>Traces of this day and category with at least one undo.</summary>
    public long UndoneTraces { get; set; }
    /// <summary>Traces of this day and category with at least one format error.</summary>
    public long FormatErrorTraces { get; set; }

    /// <summary>
    /// Feedback events of the per-trace kinds whose trace is not stored (no trace id, or a trace never sent), counted on
    /// the event's day under <see cref="NoCategory"/>: they cannot be in any per-trace rate, and the dashboard says how
    /// many were left out. When the trace arrives later its events leave this count and join the trace's.
    /// </summary>
    public long UnknownTraceFeedback { get; set; }

    /// <summary>The feedback kinds that make per-trace rates (counted once per trace in the columns above).</summary>
    public static readonly IReadOnlyList<FeedbackKind> PerTraceKinds = [FeedbackKind.Rewrite, FeedbackKind.Retry, FeedbackKind.Undo, FeedbackKind.FormatError];

    public static bool IsPerTrace(FeedbackKind kind) => PerTraceKinds.Contains(kind);

    /// <summary>The traces with <paramref name="kind"/> (one of <see cref="PerTraceKinds"/>).</summary>
    public long TracesWith(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Rewrite => RewrittenTraces,
        FeedbackKind.Retry => RetriedTraces,
        FeedbackKind.Undo => UndoneTraces,
        FeedbackKind.FormatError => FormatErrorTraces,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a per-trace kind"),
    };

    /// <summary>Adds <paramref name="count"/> traces with <paramref name="kind"/> (one of <see cref="PerTraceKinds"/>).</summary>
    public void AddTracesWith(FeedbackKind kind, long count)
    {
        switch (kind)
        {
            case FeedbackKind.Rewrite: RewrittenTraces += count; break;
            case FeedbackKind.Retry: RetriedTraces += count; break;
            case FeedbackKind.Undo: UndoneTraces += count; break;
            case FeedbackKind.FormatError: FormatErrorTraces += count; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a per-trace kind");
        }
    }
}
