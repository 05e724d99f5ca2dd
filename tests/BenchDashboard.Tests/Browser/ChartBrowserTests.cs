using System.Globalization;
using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using BenchDashboard.Tests.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>What Plotly.Blazor draws through the app's PlotlyChart, in real Chromium (decision 0018).</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ChartBrowserTests(BrowserFixture browser)
{
    private static ILocator Chart(IPage page) => page.GetByTestId("trends-chart");

    private async Task<IPage> TrendsAsync()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "lead@demo.local");
        // The first chart after the app starts waits for the signals to be computed and the bundle to load: allow for it.
        await Assertions.Expect(Chart(page).Locator("g.scatterlayer g.trace").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await BrowserFixture.WaitForInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task The_trends_chart_loads_the_basic_bundle_and_its_mode_bar_has_no_Plotly_Cloud_button_or_logo()
    {
        var page = await TrendsAsync();

        // The 1.1 MB basic bundle draws everything the app shows; the 4.8 MB full one is never fetched.
        await Assertions.Expect(page.Locator("script[src*='plotly-basic-3.7.0.min.js']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("script[src*='plotly-3.7.0.min.js']")).ToHaveCountAsync(0);

        await Chart(page).HoverAsync();
        var modeBar = Chart(page).Locator(".modebar");
        await Assertions.Expect(modeBar).ToBeVisibleAsync();
        foreach (var title in new[] { "Zoom", "Pan", "Reset axes", "Download plot as a PNG" })
            await Assertions.Expect(modeBar.Locator($"[data-title='{title}']")).ToHaveCountAsync(1);
        await Assertions.Expect(modeBar.Locator("[data-title*='Chart Studio'], [data-title*='Cloud'], [data-title*='plotly' i]")).ToHaveCountAsync(0);
        await Assertions.Expect(modeBar.Locator("a[href*='plotly']")).ToHaveCountAsync(0);
        await Assertions.Expect(Chart(page).Locator(".modebar-btn--logo")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_zoom_a_user_chose_survives_a_redraw_with_new_data()
    {
        var page = await TrendsAsync();
        var plotArea = await Chart(page).Locator("rect.nsewdrag").BoundingBoxAsync() ?? throw new InvalidOperationException("no plot area");

        // A real drag across the middle of the plot zooms the time axis (a flat drag zooms x only).
        var y = plotArea.Y + plotArea.Height / 2f;
        await page.Mouse.MoveAsync(plotArea.X + plotArea.Width * 0.4f, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(plotArea.X + plotArea.Width * 0.55f, y + 2, new() { Steps = 5 });
        await page.Mouse.MoveAsync(plotArea.X + plotArea.Width * 0.7f, y + 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        var zoomed = await XRangeAsync(page);
        var weeks = await Chart(page).EvaluateAsync<string[]>("el => el.data[0].x");
        Assert.True(string.CompareOrdinal(zoomed[0], weeks[0]) > 0 && string.CompareOrdinal(zoomed[1], weeks[^1]) < 0,
            $"zoomed into {zoomed[0]}–{zoomed[1]} within {weeks[0]}–{weeks[^1]}");

        // New data for the same window: monthly buckets. The chart is redrawn and the user's zoom stays.
        await page.GetByTestId("bucket-picker").GetByText("Month", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("bucket=month"));
        await BrowserFixture.WaitForChartAsync(page, async () => (await Chart(page).EvaluateAsync<int>("el => el.data[0].x.length")) < weeks.Length);
        Assert.Equal(zoomed, await XRangeAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "trends-zoom-kept");
    }

    [Fact]
    public async Task A_version_label_with_markup_shows_as_literal_text_and_puts_no_link_in_the_chart()
    {
        const string Hostile = "<a href=\"https://evil.example\">click</a>";
        // Before the demo's first day, so the other tests' default views never see it.
        var deployed = RunningApp.DemoAnchor.AddDays(-(DemoStory.Days - 1) - 10);
        Execute("INSERT INTO PipelineVersions (ProjectId, Version, DeployedAt, Notes) " +
                "SELECT Id, $version, $at, $notes FROM Projects WHERE Slug = $slug; UPDATE Projects SET DataVersion = DataVersion + 1",
            ("$version", Hostile), ("$at", deployed.ToDateTime(new TimeOnly(9, 0)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            ("$notes", "<b>bold</b> " + Hostile), ("$slug", DemoStory.ProjectSlug));
        try
        {
            var page = await TrendsAsync();
            await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/trends?bucket=day&metric=thumbsUpRate" +
                                 $"&from={deployed.AddDays(-3):yyyy-MM-dd}&to={deployed.AddDays(40):yyyy-MM-dd}");
            await Assertions.Expect(Chart(page).Locator("g.scatterlayer g.trace").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
            var label = Chart(page).Locator("g.annotation-text-g text", new() { HasText = "evil.example" });
            await Assertions.Expect(label).ToHaveTextAsync(Hostile);
            await Assertions.Expect(Chart(page).Locator("svg a")).ToHaveCountAsync(0);
            await Assertions.Expect(Chart(page).Locator("svg b, svg tspan[style*='bold']")).ToHaveCountAsync(0);

            // Its details on hover are text too.
            await label.HoverAsync();
            var hover = Chart(page).Locator(".hoverlayer");
            await Assertions.Expect(hover).ToContainTextAsync("<b>bold</b> " + Hostile);
            await Assertions.Expect(hover.Locator("a")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(page, "trends-hostile-version");
        }
        finally
        {
            Execute("DELETE FROM PipelineVersions WHERE Version = $version; UPDATE Projects SET DataVersion = DataVersion + 1", ("$version", Hostile));
        }
    }

    [Fact]
    public async Task Tick_text_has_AA_contrast_against_the_page_behind_the_chart()
    {
        var page = await TrendsAsync();

        var tick = await Chart(page).Locator("g.xtick text").First.EvaluateAsync<string>("el => getComputedStyle(el).fill");
        // The chart is transparent: what shows through is the first ancestor with a background of its own.
        var background = await Chart(page).EvaluateAsync<string>(@"el => {
            for (let e = el; e; e = e.parentElement) {
                const c = getComputedStyle(e).backgroundColor;
                if (c && c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0)')) return c;
            }
            return 'rgb(255, 255, 255)';
        }");

        var ratio = WcagContrast.Ratio(tick, background);
        Assert.True(ratio >= 4.5, $"tick text {tick} on {background}: {ratio:0.00}:1");
    }

    [Fact]
    public async Task A_hovered_rate_shows_its_percent_sign_once()
    {
        var page = await TrendsAsync();
        var plotArea = await Chart(page).Locator("rect.nsewdrag").BoundingBoxAsync() ?? throw new InvalidOperationException("no plot area");

        await page.Mouse.MoveAsync(plotArea.X + plotArea.Width * 0.5f, plotArea.Y + plotArea.Height * 0.5f);
        var hover = Chart(page).Locator(".hoverlayer");
        await Assertions.Expect(hover).ToContainTextAsync("Bench pass rate: ");
        var text = await hover.TextContentAsync() ?? "";
        Assert.Matches(new Regex(@"Bench pass rate: \d+(\.\d+)? %"), text);
        Assert.DoesNotContain("% %", text);
    }

    private static Task<string[]> XRangeAsync(IPage page) =>
        Chart(page).EvaluateAsync<string[]>("el => el.layout.xaxis.range.map(String)");

    private void Execute(string sql, params (string Name, string Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={browser.App.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
