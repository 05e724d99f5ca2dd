using BenchDashboard.Components.Shared.Charts;

namespace BenchDashboard.Tests.Components;

/// <summary>The chart's text stays readable (WCAG AA, 4.5:1) on the page background each theme draws it on.</summary>
public class ChartPaletteTests
{
    public static TheoryData<string> Themes() => ["light", "dark"];

    [Theory]
    [MemberData(nameof(Themes))]
    public void Chart_text_has_at_least_AA_contrast_on_the_page_background_of_its_theme(string theme)
    {
        var palette = ChartPalette.For(darkMode: theme == "dark");

        foreach (var (name, color) in new[]
                 {
                     ("text", palette.Text), ("tick text", palette.TickText), ("version label", palette.VersionMarker),
                     ("signal label", palette.SignalMarker), ("rubric label", palette.RubricMarker),
                 })
        {
            var ratio = WcagContrast.Ratio(color, palette.PageBackground);
            Assert.True(ratio >= 4.5, $"{theme} {name} {color} on {palette.PageBackground}: {ratio:0.00}:1");
        }
        Assert.True(WcagContrast.Ratio(palette.HoverText, palette.HoverBackground) >= 4.5, $"{theme} hover label");
    }

    [Fact]
    public void The_dark_palette_is_for_dark_pages_and_the_light_one_for_white()
    {
        Assert.Equal("#ffffff", ChartPalette.For(darkMode: false).PageBackground);
        // The lead's dark layout draws cards around #1e1e2d: the palette's text is checked against exactly that.
        Assert.Equal("#1e1e2d", ChartPalette.For(darkMode: true).PageBackground);
        // Light tick text on a white page would be unreadable, and the reverse: the palettes must not be swapped.
        Assert.True(WcagContrast.Ratio(ChartPalette.Dark.TickText, "#ffffff") < 3);
        Assert.True(WcagContrast.Ratio(ChartPalette.Light.TickText, "#1e1e2d") < 3);
    }
}
