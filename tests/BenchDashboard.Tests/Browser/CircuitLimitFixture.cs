using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// An app of its own (demo data) whose accounts may each hold two circuits and whose dropped circuits are kept two
/// seconds, with Debian's Chromium: the circuit tests fill the bound on purpose, which must not touch the shared app.
/// </summary>
public sealed class CircuitLimitFixture : IAsyncLifetime
{
    public const int PerUser = 2;

    public RunningApp App { get; } = new(demo: true, new Dictionary<string, string>
    {
        ["BenchDashboard__Circuits__PerUser"] = PerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["BenchDashboard__Circuits__DisconnectedRetentionSeconds"] = "2",
    });

    private IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        var appStarting = App.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(playwright);
        await appStarting;
    }

    /// <summary>A browser context of its own (one person's browser), signed in as a demo account; its landing page is open.</summary>
    public async Task<(IBrowserContext Context, IPage Landing)> SignInAsync(string email)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, email);
        await BrowserFixture.WaitForInteractiveAsync(page);
        return (context, page);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}
