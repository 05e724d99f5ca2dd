using System.Globalization;

namespace BenchDashboard.Domain;

/// <summary>
/// The one owner of the days the dashboard holds data for and accepts in any date parameter: from 2000-01-01 to 24 hours
/// ahead of the server's clock. Earlier years are typos or epoch mistakes; a later time is a bug (clocks drift and zones
/// get mixed up by hours, never by a year), and one such time, stored before this rule (issue 12, finding 2), stretched
/// every "All" view past <see cref="DateOnly.MaxValue"/>. Imports refuse times and dates outside; query parameters
/// outside are a 400 (API) or fall back to the default view (pages); and what is already stored is read through
/// <see cref="Clamp"/>, so old bad rows cannot break a view.
/// </summary>
public static class AcceptedDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>Midnight UTC at the start of <see cref="Earliest"/>.</summary>
    public static readonly DateTime EarliestTime = Earliest.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>How far ahead of the server's clock a time may be.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromHours(24);

    /// <summary>The latest time accepted now.</summary>
    public static DateTime LatestTime(DateTime nowUtc) => nowUtc + MaxAhead;

    /// <summary>The latest day accepted now: the day of <see cref="LatestTime"/>.</summary>
    public static DateOnly LatestDay(DateTime nowUtc) => DateOnly.FromDateTime(LatestTime(nowUtc));

    public static bool Contains(DateOnly day, DateTime nowUtc) => day >= Earliest && day <= LatestDay(nowUtc);

    /// <summary>The nearest accepted day: stored rows from before the rule may lie outside.</summary>
    public static DateOnly Clamp(DateOnly day, DateTime nowUtc)
    {
        var latest = LatestDay(nowUtc);
        return day < Earliest ? Earliest : day > latest ? latest : day;
    }

    /// <summary>Why <paramref name="day"/> is refused (null when it is accepted), for error answers and forms.</summary>
    public static string? Problem(DateOnly day, DateTime nowUtc) =>
        day < Earliest ? $"{Format(day)} is before {Format(Earliest)}, the earliest day accepted"
        : day > LatestDay(nowUtc) ? $"{Format(day)} is after {Format(LatestDay(nowUtc))}, the latest day accepted (24 hours from now)"
        : null;

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
