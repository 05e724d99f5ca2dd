using BenchDashboard.Components.Shared.Charts;
using BenchDashboard.Features.Trends;
using Plotly.Blazor.Traces;

namespace BenchDashboard.Tests.Components;

/// <summary>How a <see cref="ChartFigure"/> becomes Plotly's figure (the browser tests check what Plotly draws from it).</summary>
public class PlotlyFigureTests
{
    private static readonly DateTime Day = new(2026, 3, 2);

    private static ChartFigure Figure(IReadOnlyList<ChartMarker>? markers = null, string revision = "r1") => new()
    {
        Series =
        [
            new ChartSeries("Thumbs-up rate", "#2e7d32",
                [new ChartPoint(Day, 95.667, 94.1, 97.2, 120), new ChartPoint(Day.AddDays(90), 80, 78, 82, 130)]) { ShowBand = true },
        ],
        Y = new ChartAxis("Rate (%)", 0, 100, " %"),
        Markers = markers ?? [],
        Revision = revision,
    };

    [Fact]
    public void The_mode_bar_offers_zoom_pan_reset_and_png_and_nothing_of_Plotly_Cloud()
    {
        var config = PlotlyFigure.Config();

        Assert.False(config.DisplayLogo);
        Assert.False(config.ShowSendToCloud);
        Assert.False(config.ShowEditInChartStudio);
        Assert.False(config.ShowLink);
        var buttons = Assert.IsType<string[][]>(config.ModeBarButtons).SelectMany(group => group).ToList();
        Assert.Equal(["zoom2d", "pan2d", "zoomIn2d", "zoomOut2d", "resetScale2d", "toImage"], buttons);
    }

    [Fact]
    public void A_hovered_rate_carries_its_unit_once()
    {
        var line = PlotlyFigure.Data(Figure()).OfType<Scatter>().Single(t => t.Name is not null);

        // Plotly formats %{y} with the axis's tick suffix (" %"): the template must not add another.
        Assert.StartsWith("Thumbs-up rate: %{y}<br>", line.HoverTemplate);
        Assert.Contains("%{customdata[2]} &#37;", line.HoverTemplate); // the band's bounds are plain numbers
        Assert.Equal(" &#37;", PlotlyFigure.Layout(Figure(), ChartPalette.Light).YAxis[0].TickSuffix);
    }

    [Fact]
    public void Version_labels_and_their_details_are_encoded_and_never_markup()
    {
        var hostile = "<a href=\"https://evil.example\">click</a>";
        var layout = PlotlyFigure.Layout(Figure([new ChartMarker(Day.AddDays(30), hostile, hostile + " <b>notes</b>", ChartMarkerKind.Version)]),
            ChartPalette.Light);

        var label = Assert.Single(layout.Annotations);
        Assert.DoesNotContain("<", label.Text);
        Assert.DoesNotContain("<", label.HoverText);
        Assert.Equal(PlotlyText.Encode(hostile), label.Text);
    }

    [Fact]
    public void Versions_deployed_close_together_get_their_own_label_row_and_distant_ones_share_the_first()
    {
        var layout = PlotlyFigure.Layout(Figure(
        [
            new ChartMarker(Day, "v1.0-long-label", "", ChartMarkerKind.Version),
            new ChartMarker(Day.AddDays(1), "v1.1-long-label", "", ChartMarkerKind.Version),
            new ChartMarker(Day.AddDays(2), "v1.2-long-label", "", ChartMarkerKind.Version),
            new ChartMarker(Day.AddDays(80), "v2", "", ChartMarkerKind.Version),
        ]), ChartPalette.Light);

        var shifts = layout.Annotations.Select(a => a.YShift).ToList();
        Assert.Equal(3, shifts.Take(3).Distinct().Count());
        Assert.Equal(shifts[0], shifts[3]);
        Assert.True(layout.Margin.T >= 24 + 14 * 3, "room above the plot for three rows of labels");
    }

    [Fact]
    public void Signals_starting_days_apart_get_their_own_label_row()
    {
        var layout = PlotlyFigure.Layout(Figure(
        [
            new ChartMarker(Day.AddDays(40), "divergence", "", ChartMarkerKind.Signal),
            new ChartMarker(Day.AddDays(42), "input drift", "", ChartMarkerKind.Signal),
            new ChartMarker(Day.AddDays(43), "cadence", "", ChartMarkerKind.Signal),
        ]), ChartPalette.Light);

        Assert.Equal(3, layout.Annotations.Select(a => a.YShift).Distinct().Count());
    }

    [Fact]
    public void Signals_too_crowded_for_the_label_rows_become_icons_named_on_hover_never_text_over_text()
    {
        string[] kinds = ["divergence", "input drift", "cadence", "failure churn", "coverage", "stagnation"];
        var layout = PlotlyFigure.Layout(Figure([.. kinds.Select((k, i) => new ChartMarker(Day.AddDays(40 + i), k, $"since day {i}", ChartMarkerKind.Signal))]),
            ChartPalette.Light);

        var labels = layout.Annotations.ToList();
        Assert.Equal(6, labels.Count);
        var texts = labels.Where(a => a.Text != "⚠").ToList();
        Assert.Equal(3, texts.Count);
        Assert.Equal(3, texts.Select(a => a.YShift).Distinct().Count()); // one text label a row
        var icons = labels.Where(a => a.Text == "⚠").ToList();
        Assert.Equal(["failure churn: since day 3", "coverage: since day 4", "stagnation: since day 5"], icons.Select(a => a.HoverText));
        Assert.DoesNotContain(icons, icon => texts.Any(t => t.YShift == icon.YShift));
    }

    [Fact]
    public void The_theme_decides_text_and_grid_colours_and_the_page_shows_through_the_chart()
    {
        foreach (var dark in new[] { false, true })
        {
            var palette = ChartPalette.For(dark);
            var layout = PlotlyFigure.Layout(Figure(), palette);

            Assert.Equal(palette.Text, layout.Font.Color);
            Assert.Equal(palette.TickText, layout.XAxis[0].TickFont.Color);
            Assert.Equal(palette.TickText, layout.YAxis[0].TickFont.Color);
            Assert.Equal(palette.Grid, layout.YAxis[0].GridColor);
            Assert.Equal("rgba(0,0,0,0)", layout.PaperBgColor);
            Assert.Equal("rgba(0,0,0,0)", layout.PlotBgColor);
        }
    }

    [Fact]
    public void The_figure_revision_is_Plotly_uirevision_so_redraws_keep_the_users_zoom()
    {
        Assert.Equal("r1", PlotlyFigure.Layout(Figure(), ChartPalette.Light).UiRevision);
    }

    [Fact]
    public void Trends_keep_the_zoom_across_metric_bucket_and_category_and_reset_it_for_another_window_or_project()
    {
        static TrendsResult Trends(DateOnly from, TrendBucket bucket) => new(from, from.AddDays(90), bucket,
            TrendMetrics.All.ToDictionary(m => m, IReadOnlyList<TrendPoint> (_) => [new TrendPoint("2026-03-02", 0.9, 10, 0.8, 0.95)]), []);
        var from = new DateOnly(2026, 3, 2);

        var weekly = TrendsChart.Build(Trends(from, TrendBucket.Week), TrendMetrics.ThumbsUpRate, scope: "demo").Revision;
        Assert.Equal(weekly, TrendsChart.Build(Trends(from, TrendBucket.Month), TrendMetrics.Csat, scope: "demo").Revision);
        Assert.NotEqual(weekly, TrendsChart.Build(Trends(from.AddDays(-30), TrendBucket.Week), TrendMetrics.ThumbsUpRate, scope: "demo").Revision);
        Assert.NotEqual(weekly, TrendsChart.Build(Trends(from, TrendBucket.Week), TrendMetrics.ThumbsUpRate, scope: "other").Revision);
    }
}
