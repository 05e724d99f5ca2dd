namespace BenchDashboard.Features.Trends;

public enum TrendBucket { Day, Week, Month }

/// <summary>The metric names of the API (and of daily aggregates).</summary>
public static class TrendMetrics
{
    public const string BenchPassRate = "benchPassRate";
    public const string ThumbsUpRate = "thumbsUpRate";
    public const string Csat = "csat";
    public const string RewriteRate = "rewriteRate";
    public const string RetryRate = "retryRate";
    public const string UndoRate = "undoRate";
    public const string FormatErrorRate = "formatErrorRate";

    /// <summary>The user-experience metrics, in the order the dashboard shows them.</summary>
    public static readonly IReadOnlyList<string> UserExperience = [ThumbsUpRate, Csat, RewriteRate, RetryRate, UndoRate, FormatErrorRate];

    public static readonly IReadOnlyList<string> All = [BenchPassRate, .. UserExperience];

    public static string Label(string metric) => metric switch
    {
        BenchPassRate => "Bench pass rate",
        ThumbsUpRate => "Thumbs-up rate",
        Csat => "CSAT",
        RewriteRate => "Rewrite rate",
        RetryRate => "Retry rate",
        UndoRate => "Undo rate",
        FormatErrorRate => "Format-error rate",
        _ => metric,
    };

    /// <summary>What a metric measures, in one sentence (the audit report's method section; how each is counted is
    /// <see cref="UxMetricSource"/>'s).</summary>
    public static string Meaning(string metric) => metric switch
    {
        BenchPassRate => "Share of the bench's cases a run passed, counting the cases in the bench when the run started.",
        ThumbsUpRate => "Share of thumbs-up among thumbs-up and thumbs-down answers.",
        Csat => "Mean satisfaction score users gave, on a 1–5 scale.",
        RewriteRate => "Share of production traces whose answer the user rewrote at least once.",
        RetryRate => "Share of production traces the user retried at least once.",
        UndoRate => "Share of production traces whose action the user undid at least once.",
        FormatErrorRate => "Share of production traces whose answer had a format error at least once.",
        _ => metric,
    };
}

/// <summary>One bucket of a series: value with its sample size and 95 % interval (API.md, trends).</summary>
public sealed record TrendPoint(string T, double Value, long N, double Low, double High);

public sealed record VersionMarker(string Version, DateTime DeployedAt, string? Model, string? Prompt, string? Notes);

public sealed record TrendsResult(
    DateOnly From, DateOnly To, TrendBucket Bucket,
    IReadOnlyDictionary<string, IReadOnlyList<TrendPoint>> Series,
    IReadOnlyList<VersionMarker> Versions)
{
    /// <summary>
    /// Rewrite, retry, undo and format-error events of the range whose trace is unknown (no trace id, or a trace never
    /// sent): left out of the per-trace rates, and said so on the page (<see cref="Domain.DailyRollup.UnknownTraceFeedback"/>).
    /// </summary>
    public long UnknownTraceFeedback { get; init; }
}

/// <summary>The first and the last day a project has any data.</summary>
public sealed record DataDays(DateOnly First, DateOnly Last);
