using BenchDashboard.Features.Rubrics;
using BenchDashboard.Features.Ingestion;

namespace BenchDashboard.Tests.Features.Rubrics;

/// <summary>The small rules the Rubrics page stands on: quarters in the address, per-item outcomes as stored, and "covered".</summary>
public class RubricRulesTests
{
    [Theory]
    [InlineData("2026-Q3", 2026, 3)]
    [InlineData("2026-q1", 2026, 1)]
    public void A_quarter_in_the_address_reads_as_that_quarter(string text, int year, int number) =>
        Assert.Equal(new CalendarQuarter(year, number), CalendarQuarter.Parse(text));

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("2026Q3")]
    [InlineData("26-Q3-x")]
    [InlineData("")]
    public void Anything_else_is_not_a_quarter(string text) => Assert.Null(CalendarQuarter.Parse(text));

    [Fact]
    public void A_quarter_runs_from_its_first_day_to_the_first_day_of_the_next()
    {
        var q4 = CalendarQuarter.Of(new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc));
        Assert.Equal(("2026-Q4", new DateTime(2026, 10, 1), new DateTime(2027, 1, 1)), (q4.ToString(), q4.Start, q4.End));
        Assert.Equal(new CalendarQuarter(2026, 3), q4.Previous);
        Assert.Equal(new CalendarQuarter(2025, 4), new CalendarQuarter(2026, 1).Previous);
        Assert.True(q4.Overlaps(new DateTime(2026, 9, 15), new DateTime(2026, 10, 15)));
        Assert.False(q4.Overlaps(new DateTime(2026, 9, 1), new DateTime(2026, 10, 1)));
    }

    [Fact]
    public void Stored_outcomes_count_only_true_and_false_values()
    {
        Assert.Equal([new("a", true), new("b", false)], ItemOutcomes.Read("""{"a": true, "b": false, "c": 1, "d": null, "e": {"x": false}}"""));
        Assert.Empty(ItemOutcomes.Read(null));
        Assert.Empty(ItemOutcomes.Read("[true]"));
        Assert.Empty(ItemOutcomes.Read("""{"a": true, "b": """));
    }

    [Fact]
    public void An_item_covers_a_category_it_was_added_from_or_whose_name_its_key_or_description_contains()
    {
        var coverage = new RubricCoverage(
            [new("cites-policy", "Cites the policy that applies.", 1), new("tone", "Stays calm; no Blame.", 1), new("disputes", "Escalates disputed charges.", 2)],
            new Dictionary<string, string> { ["disputes"] = "Deflects dispute" });
        Assert.Equal(["disputes"], coverage.ItemsCovering("deflects DISPUTE "));
        Assert.Equal(["cites-policy"], coverage.ItemsCovering("Policy"));
        Assert.Equal(["tone"], coverage.ItemsCovering("blame"));
        Assert.False(coverage.Covers("wrong policy"));
        Assert.False(coverage.Covers("  "));
    }
}
