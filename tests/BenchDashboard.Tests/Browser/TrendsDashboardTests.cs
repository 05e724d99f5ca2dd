using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class TrendsDashboardTests(BrowserFixture browser)
{
    private static ILocator Chart(IPage page) => page.GetByTestId("trends-chart");

    private static Task<string[]> SeriesAsync(IPage page) =>
        Chart(page).EvaluateAsync<string[]>("el => el.data.filter(t => t.name).map(t => t.name)");

    private static Task<string[]> XAsync(IPage page) => Chart(page).EvaluateAsync<string[]>("el => el.data[0].x");

    [Fact]
    public async Task A_lead_changes_range_bucket_and_metric_and_a_shared_link_opens_the_same_view()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "lead@demo.local");
        await Assertions.Expect(Chart(page).Locator("svg.main-svg").First).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);

        // The signal panel lists what the demo story implies at its end, most severe first.
        var panel = page.GetByTestId("signal-panel");
        await Assertions.Expect(panel.Locator("[data-kind=input_drift]")).ToContainTextAsync("subscription disputes");
        // Not stagnation: the browser tests share one demo database, and the Import page test adds a promptfoo run at 75 %
        // that ends the bench's flat stretch whenever it runs first (the signal engine's own tests cover stagnation).
        await Assertions.Expect(panel.Locator("[data-kind=coverage]")).ToBeVisibleAsync();

        await page.GetByTestId("bucket-picker").GetByText("Month", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("bucket=month"));
        await Assertions.Expect(page.GetByTestId("window")).ToBeVisibleAsync();
        await BrowserFixture.WaitForChartAsync(page, async () => (await XAsync(page)).Length is >= 9 and <= 10);

        await page.GetByTestId("range-picker").GetByText("90 days", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("range=90d"));
        await BrowserFixture.WaitForChartAsync(page, async () => (await XAsync(page)).Length is >= 3 and <= 4);

        await page.GetByTestId("tile-csat").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("metric=csat"));
        await BrowserFixture.WaitForChartAsync(page, async () => (await SeriesAsync(page)).SequenceEqual(["Bench pass rate", "CSAT"]));
        await Assertions.Expect(page.GetByTestId("tile-csat")).ToHaveAttributeAsync("aria-pressed", "true");
        await BrowserFixture.ScreenshotAsync(page, "trends-dashboard");

        // Someone else opens the link: the same range, bucket and metric.
        var shared = page.Url;
        var other = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(other, "reviewer@demo.local");
        await other.GotoAsync(shared);
        await Assertions.Expect(Chart(other).Locator("svg.main-svg").First).ToBeVisibleAsync();
        await BrowserFixture.WaitForChartAsync(other, async () => (await SeriesAsync(other)).SequenceEqual(["Bench pass rate", "CSAT"]));
        Assert.Equal(await XAsync(page), await XAsync(other));
        await Assertions.Expect(other.GetByTestId("tile-csat")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task A_lead_filters_by_category_and_the_link_keeps_the_filter()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "lead@demo.local");
        await Assertions.Expect(Chart(page).Locator("svg.main-svg").First).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        var allTraffic = await LastThumbsUpAsync(page);

        await page.GetByTestId("category-picker").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = DemoStory.NewCategory, Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("category=subscription%20disputes"));
        await Assertions.Expect(page.GetByTestId("category-note")).ToContainTextAsync(DemoStory.NewCategory);
        // The uncovered category is where users are unhappy: its thumbs-up rate sits well below the project's.
        await BrowserFixture.WaitForChartAsync(page, async () => await LastThumbsUpAsync(page) < allTraffic - 0.1);
        await BrowserFixture.ScreenshotAsync(page, "trends-category");

        var other = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(other, "reviewer@demo.local");
        await other.GotoAsync(page.Url);
        await Assertions.Expect(other.GetByTestId("category-picker")).ToHaveValueAsync(DemoStory.NewCategory);
        await Assertions.Expect(Chart(other).Locator("svg.main-svg").First).ToBeVisibleAsync();
        await BrowserFixture.WaitForChartAsync(other, async () => await LastThumbsUpAsync(other) < allTraffic - 0.1);
    }

    private static Task<double> LastThumbsUpAsync(IPage page) =>
        Chart(page).EvaluateAsync<double>("el => { const y = el.data.find(t => t.name === 'Thumbs-up rate').y; return y[y.length - 1]; }");

    [Fact]
    public async Task A_signal_links_to_the_data_behind_it()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "lead@demo.local");
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/signals?asOf={RunningApp.DemoAnchor.AddDays(-(DemoStory.Days - 1) + DemoStory.CampaignStartDay + 18):yyyy-MM-dd}");
        var divergence = page.GetByTestId("signal").Filter(new() { HasText = "Thumbs-up rate fell" });
        await Assertions.Expect(divergence).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await divergence.GetByTestId("signal-evidence-toggle").ClickAsync();
        await Assertions.Expect(divergence.GetByTestId("signal-evidence-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        // The test behind it, named for people (not a raw key such as pValue).
        await Assertions.Expect(divergence.GetByTestId("signal-evidence")).ToContainTextAsync("two-proportion z-test");
        await Assertions.Expect(divergence.GetByTestId("signal-chart").Locator("svg.main-svg").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "signals");
        await divergence.GetByTestId("signal-data-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/trends\\?.*bucket=day.*metric=thumbsUpRate.*from=\\d{4}-\\d{2}-\\d{2}"));
        await Assertions.Expect(Chart(page).Locator("svg.main-svg").First).ToBeVisibleAsync();
        // Daily points of the thumbs-up rate over the eight weeks before the signal and the days since.
        await BrowserFixture.WaitForChartAsync(page, async () => await Chart(page).EvaluateAsync<int>("el => el.data.find(t => t.name === 'Thumbs-up rate').x.length") > 50);
    }

    [Fact]
    public async Task A_project_without_data_shows_an_empty_state_and_no_signal()
    {
        // A project as the API creates it, with a name nobody should trust: shown as text, whatever its length. It sorts
        // after the demo project, so the other browser tests still land on the demo after signing in.
        var name = "Zebra <b>checkout</b> " + new string('x', 120);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={browser.App.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO Projects (Slug, Name, IsDemo, CreatedAt) VALUES ('empty-project', $name, 0, $now)";
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss"));
            command.ExecuteNonQuery();
        }
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "lead@demo.local");
        await Assertions.Expect(Chart(page)).ToBeVisibleAsync();
        await page.GotoAsync("/p/empty-project/trends");
        await Assertions.Expect(page.GetByTestId("trends-empty")).ToContainTextAsync("No bench runs or user feedback for this project yet.");
        // Nothing to compare yet: the panel says so instead of claiming that the bench and users agree.
        await Assertions.Expect(page.GetByTestId("not-enough-data")).ToContainTextAsync("Not enough data yet to compare the bench with what users report");
        await Assertions.Expect(page.GetByTestId("no-signals")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Zebra <b>checkout</b> xxx");
        Assert.Equal(0, await page.Locator("h1 b").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "trends-empty");
    }
}
