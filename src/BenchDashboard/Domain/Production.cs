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
}
