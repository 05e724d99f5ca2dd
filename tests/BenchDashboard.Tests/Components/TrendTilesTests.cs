using BenchDashboard.Features.Trends;
using Bunit;

namespace BenchDashboard.Tests.Components;

/// <summary>The headline tiles of the Trends page: what each says, and choosing the metric the chart shows.</summary>
public class TrendTilesTests : AppComponentTestContext
{
    private static readonly TrendsResult March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), TrendBucket.Week,
        new Dictionary<string, IReadOnlyList<TrendPoint>>
        {
            [TrendMetrics.BenchPassRate] = [new("2026-03-02", 0.9, 300, 0.86, 0.93), new("2026-03-09", 0.947, 300, 0.915, 0.967)],
            [TrendMetrics.ThumbsUpRate] = [new("2026-03-09", 0.681, 3108, 0.664, 0.697)],
            [TrendMetrics.Csat] = [new("2026-03-09", 3.79, 862, 3.71, 3.88)],
            [TrendMetrics.RewriteRate] = [],
        }, []);

    private static string Tile(string metric) => $"[data-testid='tile-{metric}']";

    [Fact]
    public void Each_tile_shows_the_latest_value_with_its_change_interval_n_and_period()
    {
        var cut = Render<TrendTiles>(p => p.Add(t => t.Trends, March));

        var bench = cut.Find(Tile(TrendMetrics.BenchPassRate)).TextContent;
        Assert.Contains("94.7 %", bench);
        Assert.Contains("+4.7 pp since week of 2026-03-02", bench);
        Assert.Contains("95 % interval 91.5 %–96.7 % · n = 300", bench);
        Assert.Contains("week of 2026-03-09", bench);
        Assert.Contains("n = 3,108", cut.Find(Tile(TrendMetrics.ThumbsUpRate)).TextContent);
        Assert.Contains("3.79", cut.Find(Tile(TrendMetrics.Csat)).TextContent);
        // A metric without points in the range says so instead of showing 0.
        Assert.Contains("no data in this range", cut.Find(Tile(TrendMetrics.RewriteRate)).TextContent);
    }

    [Fact]
    public void Clicking_a_user_experience_tile_chooses_that_metric_and_the_chosen_one_reads_as_pressed()
    {
        var chosen = new List<string>();
        var cut = Render<TrendTiles>(p => p
            .Add(t => t.Trends, March)
            .Add(t => t.Selected, TrendMetrics.ThumbsUpRate)
            .Add(t => t.Select, (string metric) => chosen.Add(metric)));

        Assert.Equal("true", cut.Find(Tile(TrendMetrics.ThumbsUpRate)).GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find(Tile(TrendMetrics.Csat)).GetAttribute("aria-pressed"));

        cut.Find(Tile(TrendMetrics.Csat)).Click();

        Assert.Equal([TrendMetrics.Csat], chosen);
    }

    [Fact]
    public void The_bench_tile_is_never_a_button_and_without_a_handler_no_tile_is()
    {
        var selectable = Render<TrendTiles>(p => p.Add(t => t.Trends, March).Add(t => t.Select, (string _) => { }));
        Assert.Equal("DIV", selectable.Find(Tile(TrendMetrics.BenchPassRate)).TagName);
        Assert.Equal("BUTTON", selectable.Find(Tile(TrendMetrics.ThumbsUpRate)).TagName);

        var plain = Render<TrendTiles>(p => p.Add(t => t.Trends, March));
        Assert.Empty(plain.FindAll("[data-testid^='tile-'] button, button[data-testid^='tile-']"));
    }
}
