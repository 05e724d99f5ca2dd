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
