using System.Globalization;
using System.Text.RegularExpressions;
using BenchDashboard.Domain;

namespace BenchDashboard.Infrastructure.Api;

/// <summary>ISO 8601 times with an explicit zone, as the API demands.</summary>
public static partial class Timestamps
{
    // [0-9], not \d: \d also matches other scripts' digits, which no producer means in a timestamp.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})$")]
    private static partial Regex ZonedIso8601();

    /// <summary>Times from before 2000 or more than 24 hours ahead are refused (<see cref="AcceptedDates"/> says why).</summary>
    public static bool TryParse(string text, out DateTime utc, out string problem)
    {
        if (!TryParseAnyTime(text, out utc, out problem)) return false;
        if (utc > AcceptedDates.LatestTime(DateTime.UtcNow))
        {
            problem = $"'{ErrorEcho.Quote(text)}' is more than 24 hours in the future";
            return false;
        }
        return true;
    }

    private static bool TryParseAnyTime(string text, out DateTime utc, out string problem)
    {
        problem = "";
        if (TryParseUtcFast(text, out utc)) return true;
        if (!ZonedIso8601().IsMatch(text))
        {
            problem = ZonedIso8601().IsMatch(text + "Z")
                ? $"'{ErrorEcho.Quote(text)}' has no time zone; add Z for UTC or an offset such as +02:00"
                : $"'{ErrorEcho.Quote(text)}' is not an ISO 8601 time such as 2026-03-01T12:00:00Z";
            return false;
        }
        // Fractions beyond 7 digits exceed .NET's tick precision; drop them rather than refuse the time.
        var normalised = Regex.Replace(text, @"(\.[0-9]{7})[0-9]+", "$1");
        if (!DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            problem = $"'{ErrorEcho.Quote(text)}' is not a valid date";
            return false;
        }
        utc = parsed.UtcDateTime;
        if (utc < AcceptedDates.EarliestTime)
        {
            problem = $"'{ErrorEcho.Quote(text)}' is before the year 2000";
            return false;
        }
        return true;
    }

    /// <summary>
    /// The shape nearly every producer sends, <c>2026-03-01T12:00:00Z</c> with an optional fraction, read without
    /// regular expressions or culture-aware parsing: it runs for every event of a million-event import. Anything else
    /// (offsets, odd fractions, invalid dates) falls through to the general path, which also explains errors.
    /// </summary>
    private static bool TryParseUtcFast(string text, out DateTime utc)
    {
        utc = default;
        var s = text.AsSpan();
        if (s.Length < 20 || s[^1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        long fractionTicks = 0;
        if (s.Length > 20)
        {
            if (s[19] != '.' || s.Length - 21 is < 1 or > 7) return false;
            var digits = s.Length - 21;
            if (!Digits(s, 20, digits, out var fraction)) return false;
            fractionTicks = fraction;
            for (var i = digits; i < 7; i++) fractionTicks *= 10;
        }
        else if (s[19] != 'Z') return false;
        if (year < 2000 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fractionTicks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>
    /// SQLite's text form of a UTC time, <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> exactly as EF Core and Microsoft.Data.Sqlite
    /// write it (trailing zeros of the fraction dropped, and the dot when nothing is left). Written by hand because a
    /// custom format string costs more than the insert it feeds.
    /// </summary>
    public static string ToStorage(DateTime utc) => string.Create(27, utc, static (buffer, t) =>
    {
        Write(buffer, 0, t.Year, 4);
        buffer[4] = '-';
        Write(buffer, 5, t.Month, 2);
        buffer[7] = '-';
        Write(buffer, 8, t.Day, 2);
        buffer[10] = ' ';
        Write(buffer, 11, t.Hour, 2);
        buffer[13] = ':';
        Write(buffer, 14, t.Minute, 2);
        buffer[16] = ':';
        Write(buffer, 17, t.Second, 2);
        buffer[19] = '.';
        Write(buffer, 20, (int)(t.Ticks % TimeSpan.TicksPerSecond), 7);
    }).TrimEnd('0').TrimEnd('.');

    private static void Write(Span<char> buffer, int start, int value, int digits)
    {
        for (var i = start + digits - 1; i >= start; i--)
        {
            buffer[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
