using BenchDashboard.Features.Demo;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// Issue 12, finding 6: one account opening tab after tab held a Blazor circuit per tab and grew the server without bound.
/// Each account may hold <see cref="CircuitLimitFixture.PerUser"/> circuits here; the next tab says why it did not open
/// and what to do, other accounts are unaffected, and a tab whose connection dropped gives its place back.
/// </summary>
[Trait("Category", "Process")]
public class CircuitLimitBrowserTests(CircuitLimitFixture fixture) : IClassFixture<CircuitLimitFixture>
{
    private static readonly string Trends = $"/p/{DemoStory.ProjectSlug}/trends";

    private static async Task<IPage> OpenTrendsAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Trends);
        return page;
    }

    private static async Task ExpectRefusedAsync(IPage page)
    {
        var notice = page.GetByTestId("circuit-refused");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync($"you already have {CircuitLimitFixture.PerUser} BenchDashboard tabs open");
        await Assertions.Expect(notice.GetByRole(AriaRole.Link, new() { Name = "Reload this tab" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("trends-chart")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_tab_beyond_an_accounts_bound_says_so_in_plain_words_while_another_account_opens_pages()
    {
        var (auditor, _) = await fixture.SignInAsync("auditor@demo.local");
        await using var _1 = auditor;
        var second = await OpenTrendsAsync(auditor);
        await BrowserFixture.WaitForInteractiveAsync(second);

        var third = await OpenTrendsAsync(auditor);

        await ExpectRefusedAsync(third);
        var (lead, leadLanding) = await fixture.SignInAsync("lead@demo.local");
        await using var _2 = lead;
        await leadLanding.GotoAsync(Trends);
        await BrowserFixture.WaitForInteractiveAsync(leadLanding);
        await Assertions.Expect(leadLanding.GetByTestId("trends-chart")).ToBeVisibleAsync();
        await Assertions.Expect(leadLanding.GetByTestId("circuit-refused")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_tab_whose_connection_dropped_gives_its_place_back_once_the_retention_ends()
    {
        var (admin, _) = await fixture.SignInAsync("admin@demo.local");
        await using var _1 = admin;
        var second = await OpenTrendsAsync(admin);
        await BrowserFixture.WaitForInteractiveAsync(second);
        var third = await OpenTrendsAsync(admin);
        await ExpectRefusedAsync(third);

        // The renderer dies without closing anything (no unload, no goodbye to the server): the server only sees the
        // connection drop, keeps the circuit for the retention period (2 s here), then releases it.
        var crashed = new TaskCompletionSource();
        second.Crash += (_, _) => crashed.TrySetResult();
        var cdp = await admin.NewCDPSessionAsync(second);
        _ = cdp.SendAsync("Page.crash").ContinueWith(t => t.Exception, TaskScheduler.Default);
        await crashed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // What the notice tells the user to do: reload the refused tab, until it opens.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await third.ReloadAsync();
            await Assertions.Expect(third.GetByTestId("circuit-ready").Or(third.GetByTestId("circuit-refused"))).ToBeAttachedAsync();
            if (await third.GetByTestId("circuit-ready").CountAsync() > 0) break;
            Assert.True(DateTime.UtcNow < deadline, "the dropped tab's place was not given back within a minute");
            await third.WaitForTimeoutAsync(1_000);
        }
        await Assertions.Expect(third.GetByTestId("trends-chart")).ToBeVisibleAsync();
    }
}
