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
