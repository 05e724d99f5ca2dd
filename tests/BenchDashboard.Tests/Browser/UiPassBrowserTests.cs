using System.Net;
using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// What a new user meets on every screen: a phone, the dark theme, the screen their role lands on, an unknown
/// address. Screenshots of every screen in light, dark and at phone width go to artifacts/screenshots/ui/.
/// </summary>
[Collection(BrowserCollection.Name)]
public class UiPassBrowserTests(BrowserFixture browser)
{
    private const string Slug = DemoStory.ProjectSlug;
    private const int PhoneWidth = 390;

    private async Task<IPage> PageAsync(string email, bool dark = false, int width = 1400)
    {
        var page = await browser.NewPageAsync(width, dark);
        await SignInAndTrendsTests.SignInAsync(page, email);
        return page;
    }

    private static Task<int> HorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    /// <summary>True when the element's box lies wholly inside the viewport (reachable without scrolling sideways).</summary>
    private static async Task<bool> OnScreenAsync(IPage page, ILocator element)
    {
        var box = await element.BoundingBoxAsync();
        var viewport = page.ViewportSize!;
        return box is not null && box.X >= 0 && box.Y >= 0 && box.X + box.Width <= viewport.Width && box.Y + box.Height <= viewport.Height;
    }

    [Fact]
    public async Task At_phone_width_sign_out_and_the_theme_switch_stay_on_screen_and_the_menu_covers_the_page_instead_of_squeezing_it()
    {
        var page = await PageAsync("lead@demo.local", width: PhoneWidth);
        await page.GotoAsync($"/p/{Slug}/trends");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("trends-chart").Locator("svg.main-svg").First).ToBeVisibleAsync();

        Assert.True(await OnScreenAsync(page, page.GetByTestId("sign-out")), "sign-out is off-screen");
        Assert.True(await OnScreenAsync(page, page.GetByTestId("theme-toggle")), "the theme switch is off-screen");
        Assert.Equal(0, await HorizontalOverflowAsync(page));

        // The menu starts closed on a phone; opened, it lies over the page, whose width does not change.
        var content = page.Locator("main.app-content");
        var before = (await content.BoundingBoxAsync())!.Width;
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Signals", Exact = true })).Not.ToBeInViewportAsync();
        await page.GetByTestId("menu-toggle").ClickAsync();
        var signals = page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Signals", Exact = true });
        await Assertions.Expect(signals).ToBeInViewportAsync();
        Assert.Equal(before, (await content.BoundingBoxAsync())!.Width);
        await BrowserFixture.ScreenshotAsync(page, "ui/phone-menu-open");

        // Following a link closes it again.
        await signals.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{Slug}/signals"));
        await Assertions.Expect(signals).Not.ToBeInViewportAsync();

        // Sign-out works from the phone.
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task At_phone_width_the_review_list_and_the_workbench_do_not_scroll_sideways()
    {
        var traces = Enumerable.Range(1, 3).Select(i => new SamplingWorkflowTests.SeedTrace(
            $"phone-{i}", $"Refund my lost parcel {i}, I was charged twice " + new string('x', 300), "We are sorry; the second charge is refunded.",
            "subscription disputes and chargebacks")).ToList();
        SamplingWorkflowTests.CreateProjectWithRound(browser.App.DatabasePath, "zz-phone", "Zz phone round", traces);
        var page = await PageAsync("reviewer@demo.local", width: PhoneWidth);
        await page.GotoAsync("/p/zz-phone/review");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("my-rounds")).ToBeVisibleAsync();
        Assert.Equal(0, await HorizontalOverflowAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "ui/review-phone");

        await page.GetByTestId("open-workbench").ClickAsync();
        await SamplingWorkflowTests.WaitForWorkbenchAsync(page);
        await page.GetByTestId("verdict-bad").ClickAsync();
        await Assertions.Expect(page.GetByTestId("failure-category").First).ToBeVisibleAsync();
        Assert.Equal(0, await HorizontalOverflowAsync(page));
        // A category name stays readable: its button is wider than it is tall (no letter-per-line wrapping).
        var category = (await page.GetByTestId("failure-category").First.BoundingBoxAsync())!;
        Assert.True(category.Width > category.Height, $"category button {category.Width}x{category.Height}");
        await page.GetByTestId("failure-category").First.ClickAsync();

        // The most similar bench case is suggested; "No: a gap" leaves none of them selected, "Yes" selects it.
        var matched = page.GetByTestId("similar-cases").Locator("input[name=matched-case]");
        await Assertions.Expect(matched.First).ToBeAttachedAsync();
        await page.GetByTestId("bench-no").ClickAsync();
        await Assertions.Expect(page.GetByTestId("save-state")).ToContainTextAsync("Saved");
        await Assertions.Expect(page.GetByTestId("similar-cases").Locator("input[name=matched-case]:checked")).ToHaveCountAsync(0);
        await page.GetByTestId("bench-yes").ClickAsync();
        await Assertions.Expect(page.GetByTestId("similar-cases").Locator("input[name=matched-case]:checked")).ToHaveCountAsync(1);
        Assert.Equal(0, await HorizontalOverflowAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "ui/workbench-phone");
    }

    [Fact]
    public async Task In_the_dark_theme_links_and_text_on_Trends_have_at_least_AA_contrast()
    {
        var page = await PageAsync("lead@demo.local", dark: true);
        await page.GotoAsync($"/p/{Slug}/trends");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("signal-data-link").First).ToBeVisibleAsync();

        // Computed colours: the text's colour against the first opaque background behind it (WCAG 2 relative luminance).
        const string contrast = """
            el => {
              const rgb = s => s.match(/[\d.]+/g).map(Number);
              const lum = ([r, g, b]) => { const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                                            return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b); };
              let bg = null;
              for (let n = el; n && !bg; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor); if (c.length < 4 || c[3] > 0.9) { if (c.length < 4 || c[3] > 0) bg = c; } }
              bg = bg ?? [255, 255, 255];
              const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)];
              return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            }
            """;
        var link = await page.GetByTestId("signal-data-link").First.EvaluateAsync<double>(contrast);
        Assert.True(link >= 4.5, $"a link on Trends has contrast {link:0.00}:1 in the dark theme");
        var heading = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).EvaluateAsync<double>(contrast);
        Assert.True(heading >= 4.5, $"the heading has contrast {heading:0.00}:1 in the dark theme");
        var detail = await page.Locator(".tile-detail").First.EvaluateAsync<double>(contrast);
        Assert.True(detail >= 4.5, $"a tile's detail line has contrast {detail:0.00}:1 in the dark theme");

        // The chart's axis text is SVG: its colour is its fill, and the chart's background is the card behind it.
        var tick = page.GetByTestId("trends-chart").Locator("g.ytick text").First;
        await Assertions.Expect(tick).ToBeVisibleAsync();
        var axis = await tick.EvaluateAsync<double>(contrast.Replace("getComputedStyle(el).color", "getComputedStyle(el).fill"));
        Assert.True(axis >= 4.5, $"the chart's axis text has contrast {axis:0.00}:1 in the dark theme");
    }

    [Theory]
    [InlineData("reviewer@demo.local", "review")]
    [InlineData("auditor@demo.local", "reports")]
    [InlineData("lead@demo.local", "trends")]
    [InlineData("admin@demo.local", "trends")]
    public async Task Each_role_lands_on_the_screen_it_works_in(string email, string screen)
    {
        var page = await PageAsync(email);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{Slug}/{screen}$"));
    }

    [Fact]
    public async Task The_dashboard_opens_the_project_the_user_had_open_last()
    {
        // It sorts after the demo project by name (so the other tests still land on the demo): first-by-name would never open it.
        SamplingWorkflowTests.CreateProjectWithRound(browser.App.DatabasePath, "zz-last-project", "Zz last project",
            [new SamplingWorkflowTests.SeedTrace("last-1", "hello", "hi", "billing")]);
        var page = await PageAsync("lead@demo.local");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{Slug}/trends$"));

        await page.GotoAsync("/p/zz-last-project/signals");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Zz last project");
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/zz-last-project/trends$"));
    }

    [Fact]
    public async Task An_unknown_address_answers_404_with_the_apps_own_page_and_a_forbidden_one_403()
    {
        var page = await PageAsync("reviewer@demo.local");
        var missing = await page.GotoAsync("/no/such/page");
        Assert.Equal((int)HttpStatusCode.NotFound, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Assertions.Expect(page.GetByTestId("not-found").GetByRole(AriaRole.Link, new() { Name = "Go to the dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "ui/not-found");

        var denied = await page.GotoAsync("/admin");
        Assert.Equal((int)HttpStatusCode.Forbidden, denied!.Status);
        await Assertions.Expect(page.GetByTestId("access-denied")).ToContainTextAsync("Your role does not give access to this page.");

        await page.GotoAsync("/p/no-such-project/review");
        await Assertions.Expect(page.GetByTestId("project-not-found")).ToContainTextAsync("There is no project “no-such-project”.");
    }

    [Fact]
    public async Task A_new_seed_discards_the_preview_so_start_only_ever_starts_the_sample_shown()
    {
        var page = await PageAsync("lead@demo.local");
        await page.GotoAsync($"/p/{Slug}/sampling");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("period").FillAsync("2026-09");
        await page.GetByTestId("size").FillAsync("10");
        await page.GetByTestId("seed").FillAsync("1234");
        await page.GetByTestId("preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-result")).ToContainTextAsync("seed 1234");

        await page.GetByTestId("new-seed").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-result")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("start")).ToHaveCountAsync(0);
        var seed = await page.GetByTestId("seed").InputValueAsync();
        Assert.NotEqual("1234", seed);
        await page.GetByTestId("preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-result")).ToContainTextAsync($"seed {seed}");
    }

    [Fact]
    public async Task An_account_locked_by_failed_sign_ins_shows_as_locked_and_an_admin_unlocks_it()
    {
        var admin = await PageAsync("admin@demo.local");
        await admin.GotoAsync("/admin");
        await BrowserFixture.WaitForInteractiveAsync(admin);
        await admin.GetByLabel("Email", new() { Exact = true }).FillAsync("locked.out@demo.local");
        await admin.GetByLabel("Initial password").FillAsync("the right password here");
        await admin.GetByTestId("new-user-roles").GetByText("Auditor", new() { Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("users-message")).ToContainTextAsync("created");

        var visitor = await browser.NewPageAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await visitor.GotoAsync("/account/login");
            await visitor.GetByLabel("Email").FillAsync("locked.out@demo.local");
            await visitor.GetByLabel("Password").FillAsync("a wrong password");
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(visitor.GetByTestId("login-error")).ToBeVisibleAsync();
        }
        await Assertions.Expect(visitor.GetByTestId("login-error")).ToContainTextAsync("locked");

        await admin.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(admin);
        var row = admin.GetByTestId("users-grid").GetByRole(AriaRole.Row).Filter(new() { HasText = "locked.out@demo.local" });
        await Assertions.Expect(row.GetByTestId("user-status")).ToHaveTextAsync("locked");
        await row.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("users-message")).ToContainTextAsync("locked.out@demo.local is unlocked");
        await Assertions.Expect(row.GetByTestId("user-status")).ToHaveTextAsync("active");

        await visitor.GotoAsync("/account/login");
        await visitor.GetByLabel("Email").FillAsync("locked.out@demo.local");
        await visitor.GetByLabel("Password").FillAsync("the right password here");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(visitor).ToHaveURLAsync(new Regex("/reports$"));
    }

    public static TheoryData<string> Modes => new() { "light", "dark", "phone" };

    /// <summary>Every screen, looked at by the people who use it; at phone width none may scroll sideways.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Every_screen_renders_in_each_mode_without_sideways_scrolling_at_phone_width(string mode)
    {
        var screens = new (string Name, string Email, string Path)[]
        {
            ("trends", "lead@demo.local", $"/p/{Slug}/trends"),
            ("signals", "lead@demo.local", $"/p/{Slug}/signals"),
            ("sampling", "lead@demo.local", $"/p/{Slug}/sampling"),
            ("import", "lead@demo.local", $"/p/{Slug}/import"),
            ("settings", "lead@demo.local", $"/p/{Slug}/settings"),
            ("bench", "lead@demo.local", $"/p/{Slug}/bench"),
            ("rubrics", "lead@demo.local", $"/p/{Slug}/rubrics"),
            ("reports", "auditor@demo.local", $"/p/{Slug}/reports"),
            ("review", "reviewer@demo.local", $"/p/{Slug}/review"),
            ("admin", "admin@demo.local", "/admin"),
        };
        var pages = new Dictionary<string, IPage>();
        foreach (var (name, email, path) in screens)
        {
            if (!pages.TryGetValue(email, out var page))
            {
                page = pages[email] = await PageAsync(email, dark: mode == "dark", width: mode == "phone" ? PhoneWidth : 1400);
            }
            await page.GotoAsync(path);
            await BrowserFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("loading")).ToHaveCountAsync(0);
            // No screen scrolls sideways, on a phone or on a laptop (the accounts table was clipped at 1,440 px).
            Assert.True(await HorizontalOverflowAsync(page) == 0, $"{name} scrolls sideways in {mode} mode");
            await BrowserFixture.ScreenshotAsync(page, $"ui/{name}-{mode}");
        }

        var login = await browser.NewPageAsync(mode == "phone" ? PhoneWidth : 1400, dark: mode == "dark");
        await login.GotoAsync("/account/login");
        await Assertions.Expect(login.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(login, $"ui/login-{mode}");
    }
}
