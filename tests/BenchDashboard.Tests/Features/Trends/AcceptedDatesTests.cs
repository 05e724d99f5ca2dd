using BenchDashboard.Domain;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Features.Trends;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Tests.Features.Trends;

/// <summary>Issue 12, finding 2: one range of accepted days, applied by the pages' links and the sampling form too.</summary>
public class AcceptedDatesTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 22, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("1999-12-31", "2000-01-01")]
    [InlineData("2000-01-01", "2000-01-01")]
    [InlineData("2026-12-06", "2026-12-06")]
    [InlineData("2026-12-07", "2026-12-06")]
    [InlineData("9999-12-31", "2026-12-06")]
    [InlineData("0001-01-01", "2000-01-01")]
    public void Stored_days_outside_the_range_are_read_as_its_nearest_end(string stored, string read) =>
        Assert.Equal(DateOnly.Parse(read), AcceptedDates.Clamp(DateOnly.Parse(stored), Now));

    [Fact]
    public void A_link_outside_the_accepted_days_or_with_two_buckets_opens_the_default_view()
    {
        var view = TrendsView.Parse("all", "week,month", null, "0001-01-01", "9999-12-31", nowUtc: Now);
        Assert.Equal(TrendBucket.Week, view.Bucket);
        Assert.False(view.IsCustom);
        Assert.False(TrendsView.TryParseBucket("1", out _));
        Assert.True(TrendsView.TryParseBucket("MONTH", out var month) && month == TrendBucket.Month);
        Assert.True(TrendsView.Parse(null, "day", null, "2026-01-01", "2026-12-06", nowUtc: Now).IsCustom);
    }

    [Theory]
    [InlineData("0000-01", false)]
    [InlineData("1999-12", false)]
    [InlineData("9999-12", false)]
    [InlineData("2027-01", false)]
    [InlineData("٢٠٢٦-01", false)]
    [InlineData("2026-11", true)]
    public void A_sampling_period_is_a_month_of_accepted_days(string period, bool accepted) =>
        Assert.Equal(accepted, RoundSettings.TryMonthOf(period, Now, out _));

    [Fact]
    public void This_months_window_ends_at_the_latest_accepted_day()
    {
        Assert.True(RoundSettings.TryMonthOf("2026-12", Now, out var month));
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 6)), month);
    }

    [Fact]
    public void An_echoed_list_names_ten_values_and_counts_the_rest()
    {
        var text = ErrorEcho.List(Enumerable.Range(1, 25).Select(i => $"p{i}").ToList());
        Assert.Equal("p1, p2, p3, p4, p5, p6, p7, p8, p9, p10 and 15 more", text);
        Assert.Equal(new string('b', 100) + "…", ErrorEcho.List([new string('b', 1_000)]));
        Assert.Equal(new string('a', 40) + "…", ErrorEcho.Quote(new string('a', 5_000)));
    }
}
