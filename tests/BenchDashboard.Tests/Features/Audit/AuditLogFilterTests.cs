using System.Reflection;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Audit.Events;

namespace BenchDashboard.Tests.Features.Audit;

/// <summary>The audit-log filter as the address gives it, and the labels the action filter offers.</summary>
public sealed class AuditLogFilterTests
{
    [Fact]
    public void A_filter_survives_the_round_trip_through_the_address()
    {
        var (filter, problems) = AuditLogFilter.Parse(" lead@example.com ", AuditActions.SamplingRoundClosed, "2026-10-01", "2026-12-31", "120", null);
        Assert.Empty(problems);
        Assert.Equal(new AuditLogFilter("lead@example.com", AuditActions.SamplingRoundClosed, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), Before: 120), filter);
        var q = filter.Query();
        Assert.Equal(filter, AuditLogFilter.Parse((string?)q["actor"], (string?)q["action"], (string?)q["from"], (string?)q["to"], q["before"]?.ToString(), null).Filter);
        Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), filter.ToUtcExclusive);
        // The download takes the filter, never the place in the log.
        Assert.Equal("?actor=lead%40example.com&action=sampling.round_closed&from=2026-10-01&to=2026-12-31", filter.FilterQueryString());
    }

    [Theory]
    [InlineData("2026-02-30", null, "The start date “2026-02-30” is not a date: write it as year-month-day, for example 2026-10-01.")]
    [InlineData("01/10/2026", null, "The start date “01/10/2026” is not a date")]
    [InlineData(null, "tomorrow", "The end date “tomorrow” is not a date")]
    [InlineData("2026-10-02", "2026-10-01", "The start date 2026-10-02 is after the end date 2026-10-01: no event can be in that range.")]
    public void Bad_dates_are_named_in_words_and_left_out_of_the_filter(string? from, string? to, string expected)
    {
        var (filter, problems) = AuditLogFilter.Parse(null, null, from, to);
        Assert.StartsWith(expected, Assert.Single(problems));
        Assert.Null(filter.From);
        Assert.Null(filter.To);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("0")]
    public void A_place_in_the_log_that_is_not_a_sequence_number_starts_at_the_newest(string before)
    {
        var (filter, problems) = AuditLogFilter.Parse(null, null, null, null, before, before);
        Assert.Empty(problems);
        Assert.Equal(AuditLogFilter.Default, filter);
    }

    [Fact]
    public void Every_action_the_app_writes_has_a_plain_label_in_the_action_filter()
    {
        var written = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(written.Order(StringComparer.Ordinal), AuditActionNames.Known.Order(StringComparer.Ordinal));
        Assert.All(written, action => Assert.NotEqual(action, AuditActionNames.Label(action)));
        Assert.Equal("retired.action", AuditActionNames.Label("retired.action"));
    }
}
