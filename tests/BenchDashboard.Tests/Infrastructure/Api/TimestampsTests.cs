using System.Globalization;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Tests.Infrastructure.Api;

public class TimestampsTests
{
    [Theory]
    [InlineData("2026-03-01T12:00:00Z", "2026-03-01 12:00:00")]
    [InlineData("2026-03-01T12:00:00.5Z", "2026-03-01 12:00:00.5")]
    [InlineData("2026-03-01T12:00:00.1234567Z", "2026-03-01 12:00:00.1234567")]
    [InlineData("2026-03-01T12:00:00.123456789Z", "2026-03-01 12:00:00.1234567")]
    [InlineData("2026-03-01T12:00:00+02:00", "2026-03-01 10:00:00")]
    [InlineData("2026-03-01T01:30:00-05:30", "2026-03-01 07:00:00")]
    [InlineData("2026-03-01 12:00Z", "2026-03-01 12:00:00")]
    [InlineData("2024-02-29T23:59:59z", "2024-02-29 23:59:59")]
    public void Zoned_times_become_utc_in_the_stored_form(string text, string stored)
    {
        Assert.True(Timestamps.TryParse(text, out var utc, out var problem), problem);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(stored, Timestamps.ToStorage(utc));
    }

    [Theory]
    [InlineData("2026-03-01T12:00:00", "has no time zone")]
    [InlineData("2026-02-29T12:00:00Z", "is not a valid date")]
    [InlineData("2026-03-01T24:00:00Z", "is not a valid date")]
    [InlineData("1999-12-31T23:59:59Z", "is before the year 2000")]
    [InlineData("9999-12-31T23:59:59Z", "is more than 24 hours in the future")]
    [InlineData("2026-3-1T12:00:00Z", "is not an ISO 8601 time")]
    [InlineData("2026-03-01T12:00:00.Z", "is not an ISO 8601 time")]
    [InlineData("١٢٣٤-03-01T12:00:00Z", "is not an ISO 8601 time")]
    public void Times_without_zone_or_impossible_dates_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(Timestamps.TryParse(text, out _, out var problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void The_stored_form_matches_what_ef_core_and_sqlite_write()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var ticks = new DateTime(2000, 1, 1).Ticks + (long)(random.NextDouble() * (new DateTime(2100, 1, 1) - new DateTime(2000, 1, 1)).Ticks);
            // Whole seconds and round fractions too, where trailing zeros and the dot must go.
            if (i % 3 == 0) ticks -= ticks % TimeSpan.TicksPerSecond;
            if (i % 3 == 1) ticks -= ticks % TimeSpan.TicksPerMillisecond;
            var t = new DateTime(ticks, DateTimeKind.Utc);
            Assert.Equal(t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), Timestamps.ToStorage(t));
        }
    }

    [Fact]
    public void The_fast_and_the_general_parser_agree()
    {
        var random = new Random(11);
        for (var i = 0; i < 5_000; i++)
        {
            // 2000 to mid-2025: times more than a day ahead of the clock are refused (issue 12), whichever parser reads them.
            var t = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0, 800_000_000)).AddTicks(random.Next(0, 10_000_000));
            var withZ = t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') + "Z";
            var withOffset = t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') + "+00:00";
            Assert.True(Timestamps.TryParse(withZ, out var fast, out _));
            Assert.True(Timestamps.TryParse(withOffset, out var general, out _));
            Assert.Equal(t, fast);
            Assert.Equal(fast, general);
        }
    }
}
