using System.Globalization;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Trends;

/// <summary>
/// What the Trends dashboard shows, kept in the URL (<c>?range=90d&amp;bucket=week&amp;metric=csat&amp;category=billing</c>,
/// or <c>from</c>/<c>to</c> for an exact window) so a lead can share a link to exactly this view. Unknown values fall back
/// to the defaults rather than failing: a mistyped link still opens the dashboard.
/// </summary>
public sealed record TrendsView(string Range, TrendBucket Bucket, string Metric, DateOnly? From = null, DateOnly? To = null,
    string? Category = null)
{
    /// <summary>Categories are at most this long (the ingestion limit), so a longer one in a link cannot match anything.</summary>
    public const int MaxCategoryLength = TextLimits.Category;

    public const string AllData = "all";
    public static readonly IReadOnlyList<(string Key, string Label, int? Days)> Ranges =
        [("30d", "30 days", 30), ("90d", "90 days", 90), ("180d", "180 days", 180), (AllData, "All", null)];

    public static readonly TrendsView Default = new(AllData, TrendBucket.Week, TrendMetrics.ThumbsUpRate);

    public bool IsCustom => From is not null && To is not null;

    /// <summary>The view a link asks for; custom windows outside <see cref="AcceptedDates"/> (as of <paramref name="nowUtc"/>) are ignored.</summary>
    public static TrendsView Parse(string? range, string? bucket, string? metric, string? from, string? to, string? category = null,
        DateTime? nowUtc = null)
    {
        var view = Default;
        var now = nowUtc ?? DateTime.UtcNow;
        if (range is not null && Ranges.Any(r => r.Key == range)) view = view with { Range = range };
        if (bucket is not null && TryParseBucket(bucket, out var b)) view = view with { Bucket = b };
        // The bench pass rate too: a stagnation signal links to it alone.
        if (metric is not null && TrendMetrics.All.Contains(metric)) view = view with { Metric = metric };
        if (DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f)
            && DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && f <= t
            && AcceptedDates.Contains(f, now) && AcceptedDates.Contains(t, now))
        {
            view = view with { From = f, To = t };
        }
        if (!string.IsNullOrEmpty(category) && category.Length <= MaxCategoryLength) view = view with { Category = category };
        return view;
    }

    /// <summary>
    /// day, week or month, in any case; nothing else. (Enum.TryParse would also take "1" or "week,month", a combination
    /// no bucket has.)
    /// </summary>
    public static bool TryParseBucket(string text, out TrendBucket bucket)
    {
        bucket = TrendBucket.Week;
        foreach (var candidate in Enum.GetValues<TrendBucket>())
        {
            if (!string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase)) continue;
            bucket = candidate;
            return true;
        }
        return false;
    }

    /// <summary>The days shown: the custom window, or the preset ending on the project's last day with data.</summary>
    public (DateOnly From, DateOnly To) Window(DateOnly firstDataDay, DateOnly lastDataDay)
    {
        if (IsCustom) return (From!.Value, To!.Value);
        var days = Ranges.First(r => r.Key == Range).Days;
        var from = days is { } d ? lastDataDay.AddDays(-(d - 1)) : firstDataDay;
        return (from < lastDataDay ? from : lastDataDay, lastDataDay);
    }

    /// <summary>Spans longer than this many days are shown by week, shorter ones by day.</summary>
    public const int DailyUpToDays = 120;

    /// <summary>The bucket for a span of days: daily up to <see cref="DailyUpToDays"/>, weekly beyond (a signal's
    /// "Show the data" link and the audit report's charts choose alike).</summary>
    public static TrendBucket BucketFor(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber > DailyUpToDays ? TrendBucket.Week : TrendBucket.Day;

    /// <summary>Query parameters of this view; a preset drops any custom window.</summary>
    public IReadOnlyDictionary<string, object?> Query() => new Dictionary<string, object?>
    {
        ["range"] = IsCustom ? null : Range,
        ["bucket"] = Bucket.ToString().ToLowerInvariant(),
        ["metric"] = Metric,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["category"] = Category,
    };

    public string Href(string slug) =>
        $"/p/{Uri.EscapeDataString(slug)}/trends?" + string.Join("&", Query().Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString((string)p.Value!)}"));
}
