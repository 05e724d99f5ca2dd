using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright (its own browser download cannot work here: see STACK.md).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public RunningApp App { get; } = new();
    private IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        // The tests share two cores with the app and the other test classes: give web-first assertions room.
        Assertions.SetDefaultExpectTimeout(15_000);
        var appStarting = App.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(playwright);
        await appStarting;
    }

    /// <summary>Debian's Chromium, headless, without the background traffic a test run has no use for.</summary>
    internal static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A fresh browser context (no cookies but the theme's) at a desktop size or the width given.</summary>
    public async Task<IPage> NewPageAsync(int width = 1400, bool dark = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 900 },
        });
        context.SetDefaultTimeout(30_000);
        if (dark)
        {
            await context.AddCookiesAsync([new Cookie { Name = BenchDashboard.Components.Ui.AppTheme.Cookie, Value = "dark", Url = App.BaseUrl.ToString() }]);
        }
        return await context.NewPageAsync();
    }

    /// <summary>Waits until the page's Blazor circuit is live, so clicks are handled rather than lost on prerendered HTML.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("circuit-ready")).ToBeAttachedAsync();

    /// <summary>Polls until the chart has redrawn to the expected state (Plotly redraws after the circuit's render).</summary>
    public static async Task WaitForChartAsync(IPage page, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (PlaywrightException) { /* the chart is being replaced */ }
            await page.WaitForTimeoutAsync(100);
        }
        Assert.Fail("The chart did not reach the expected state within 30 s.");
    }

    /// <summary>Saves a screenshot under TestResults/screenshots for people to look at (and CI artifacts).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RunningApp.RepositoryRoot(), "artifacts", "screenshots");
        var path = Path.Combine(folder, name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
