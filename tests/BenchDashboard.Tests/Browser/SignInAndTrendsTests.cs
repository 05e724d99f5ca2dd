using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class SignInAndTrendsTests(BrowserFixture browser)
{
    public static TheoryData<string> DemoAccounts()
    {
        var data = new TheoryData<string>();
        foreach (var a in DemoStory.Accounts) data.Add(a.Email);
        return data;
    }

    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public async Task Each_role_signs_in_and_sees_the_trends_chart_drawn_with_nine_months_of_data(string email)
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, email);
        // Reviewers and auditors land on their own screens (UiPassBrowserTests); Trends is one click away for everyone.
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/trends");
        var chart = page.GetByTestId("trends-chart");
        // Plotly draws into SVG; wait for the data lines themselves.
        await Assertions.Expect(chart.Locator("svg.main-svg").First).ToBeVisibleAsync();
        await Assertions.Expect(chart.Locator("g.scatterlayer g.trace").First).ToBeAttachedAsync();

        var weeks = await chart.EvaluateAsync<int>("el => Math.max(...el.data.map(t => t.x.length))");
        var firstWeek = await chart.EvaluateAsync<string>("el => el.data[0].x[0]");
        var lastWeek = await chart.EvaluateAsync<string>("el => el.data[0].x[el.data[0].x.length - 1]");
        Assert.InRange(weeks, 38, 41);
        Assert.True((DateOnly.Parse(lastWeek) .DayNumber - DateOnly.Parse(firstWeek).DayNumber) > 250, $"{firstWeek} to {lastWeek}");
        var names = await chart.EvaluateAsync<string[]>("el => el.data.filter(t => t.name).map(t => t.name)");
        Assert.Equal(["Bench pass rate", "Thumbs-up rate"], names);
        var versionMarkers = await chart.EvaluateAsync<int>("el => el.layout.shapes.filter(s => s.line.dash === 'dot').length");
        Assert.Equal(DemoStory.Versions.Length, versionMarkers);
        var signalMarkers = await chart.EvaluateAsync<int>("el => el.layout.shapes.filter(s => s.line.dash === 'dash').length");
        Assert.True(signalMarkers > 0, "signals that started in the range are marked");
        await Assertions.Expect(page.GetByTestId("demo-badge")).ToBeVisibleAsync();

        await BrowserFixture.ScreenshotAsync(page, "trends-" + email.Split('@')[0]);
    }

    [Fact]
    public async Task A_reviewer_cannot_open_admin_and_does_not_see_it_in_the_navigation()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "reviewer@demo.local");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Review");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);

        await page.GotoAsync("/admin");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("users-grid")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "lead@demo.local");
        await Assertions.Expect(page.GetByTestId("trends-chart")).ToBeVisibleAsync();

        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await Assertions.Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();

        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/trends");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login\\?"));
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_message_and_no_stack_trace()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("lead@demo.local");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("The email or password is wrong");
        Assert.DoesNotContain("Exception", await page.ContentAsync());
    }

    [Fact]
    public async Task The_theme_switch_turns_the_dark_theme_on_and_remembers_it()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "auditor@demo.local");
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/trends");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var toggle = page.GetByTestId("theme-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        var light = await BackgroundAsync(page);

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator(".app-layout.theme-dark")).ToHaveCountAsync(1);
        Assert.NotEqual(light, await BackgroundAsync(page));

        // Remembered: the next page load is dark from its first paint (the server reads the cookie while prerendering).
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".app-layout.theme-dark")).ToHaveCountAsync(1);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.NotEqual(light, await BackgroundAsync(page));
        await Assertions.Expect(page.GetByTestId("trends-chart").Locator("svg.main-svg").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "trends-dark");
    }

    /// <summary>The page's computed background colour (the theme's, light or dark).</summary>
    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    internal static async Task SignInAsync(IPage page, string email)
    {
        var password = DemoStory.Accounts.Single(a => a.Email == email).Password;
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
