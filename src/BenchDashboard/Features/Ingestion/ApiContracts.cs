using System.Text.Json;

namespace BenchDashboard.Features.Ingestion;

// The wire shapes of API.md, for the OpenAPI document only. Bodies are read by the streaming importers, which check
// each field themselves (TraceRow, FeedbackRow, MetricRow); these records keep the document exact: field names,
// the kind as its snake_case string, metadata as an object.

/// <summary>A production trace. <c>traceId</c>, <c>timestamp</c> (with zone) and <c>input</c> are required.</summary>
public sealed record TraceContract(string TraceId, DateTimeOffset Timestamp, string? Version, string Input, string? Output, string? Category,
    JsonElement? Metadata);

/// <summary>A feedback event. <c>kind</c>: thumbs_up, thumbs_down, csat (with <c>value</c> 1–5), rewrite, retry, undo, format_error.</summary>
public sealed record FeedbackContract(string EventId, string? TraceId, DateTimeOffset Timestamp, string Kind, double? Value);

/// <summary>A daily aggregate. <c>metric</c>: thumbsUpRate, csat, rewriteRate, retryRate, undoRate, formatErrorRate.</summary>
public sealed record MetricContract(DateOnly Date, string Metric, double Value, int N);
