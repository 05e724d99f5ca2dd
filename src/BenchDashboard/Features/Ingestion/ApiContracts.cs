namespace BenchDashboard.Features.Ingestion;

// The wire shapes of API.md, for the OpenAPI document only. Bodies are read by the streaming importers, which check
// each field themselves (TraceRow, FeedbackRow, MetricRow); these classes keep the document exact: field names, which
// fields are required (the `required` ones), the kind as its snake_case string, metadata as an object.

/// <summary>A production trace. Text limits: ids 256 characters, version and category 128, input and output 65,536.</summary>
public sealed class TraceContract
{
    public required string TraceId { get; init; }
    /// <summary>ISO 8601 with a zone, e.g. 2026-03-01T12:00:00Z.</summary>
    public required DateTimeOffset Timestamp { get; init; }
    public required string Input { get; init; }
    public string? Version { get; init; }
    public string? Output { get; init; }
    public string? Category { get; init; }
    /// <summary>Any JSON object, up to 16,384 characters.</summary>
    public Dictionary<string, object>? Metadata { get; init; }
}

/// <summary>A feedback event.</summary>
public sealed class FeedbackContract
{
    public required string EventId { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>thumbs_up, thumbs_down, csat, rewrite, retry, undo or format_error.</summary>
    public required string Kind { get; init; }
    public string? TraceId { get; init; }
    /// <summary>The CSAT score, 1–5; required for csat, ignored otherwise.</summary>
    public double? Value { get; init; }
}

/// <summary>A daily aggregate.</summary>
public sealed class MetricContract
{
    public required DateOnly Date { get; init; }
    /// <summary>thumbsUpRate, csat, rewriteRate, retryRate, undoRate or formatErrorRate.</summary>
    public required string Metric { get; init; }
    /// <summary>A share 0–1 for rates, a mean 1–5 for csat.</summary>
    public required double Value { get; init; }
    public required int N { get; init; }
}

/// <summary>A deployed pipeline version; descriptions up to 4,000 characters each.</summary>
public sealed class VersionContract
{
    public required string Version { get; init; }
    public required DateTimeOffset DeployedAt { get; init; }
    public string? Model { get; init; }
    public string? Prompt { get; init; }
    public string? Tools { get; init; }
    public string? DataSources { get; init; }
    public string? Notes { get; init; }
}

/// <summary>A bench run; unknown case ids become bench cases, an unknown version is created as deployed at startedAt.</summary>
public sealed class BenchRunContract
{
    public required string RunId { get; init; }
    public required string Version { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public int? RubricVersion { get; init; }
    public required List<BenchResultContract> Results { get; init; }
}

public sealed class BenchResultContract
{
    public required string CaseId { get; init; }
    public required bool Passed { get; init; }
    public double? Score { get; init; }
    public string? Category { get; init; }
    /// <summary>Up to 65,536 characters.</summary>
    public string? Input { get; init; }
    /// <summary>Per-rubric-item outcomes: item key (up to 100 characters) to passed; at most 100 items.</summary>
    public Dictionary<string, bool>? Items { get; init; }
}
