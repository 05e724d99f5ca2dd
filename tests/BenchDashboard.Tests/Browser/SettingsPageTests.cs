using BenchDashboard.Features.Demo;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class SettingsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_lead_changes_a_threshold_sees_the_signal_panel_follow_and_a_bad_value_is_refused()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "lead@demo.local");
        await Assertions.Expect(page.GetByTestId("signal-panel").Locator("[data-kind=coverage]")).ToBeVisibleAsync();

        // Navigate only once the Trends page's circuit is live: a click while it is still starting can leave the
        // circuit rendering the page it started on under the new address (the settings fields then never appear).
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/settings$"));
        await Assertions.Expect(page.GetByTestId("settings-form")).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        try
        {
            // A warning level above the alert level is refused with a reason.
            await page.GetByTestId("setting-PsiAlert").FillAsync("0.05");
            await page.GetByTestId("setting-PsiAlert").BlurAsync();
            await page.GetByTestId("settings-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("settings-message")).ToContainTextAsync("Nothing was saved: fix the fields marked.");
            await Assertions.Expect(page.GetByText("The PSI alert level must not be below the warning level.")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "settings");

            // The alert address is checked before it is kept.
            await page.GetByTestId("webhook-url").FillAsync("ftp://example.com/hook");
            await page.GetByTestId("webhook-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("webhook-message")).ToHaveTextAsync("Enter an absolute http:// or https:// address of at most 2,000 characters.");

            await page.GetByTestId("setting-PsiAlert").FillAsync("0.2");
            await page.GetByTestId("setting-CoverageAlertBelow").FillAsync("0.05");
            await page.GetByTestId("setting-CoverageAlertBelow").BlurAsync();
            await page.GetByTestId("settings-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("settings-message")).ToContainTextAsync("Saved. The signals use these thresholds from now on.");

            await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/trends");
            // The panel is drawn (input drift is the demo story's, whatever other tests import), and coverage is gone.
            await Assertions.Expect(page.GetByTestId("signal-panel").Locator("[data-kind=input_drift]")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("signal-panel").Locator("[data-kind=coverage]")).ToHaveCountAsync(0);
        }
        finally
        {
            // The demo database is shared by the browser tests: put the defaults back.
            await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/settings");
            await BrowserFixture.WaitForInteractiveAsync(page);
            await page.GetByTestId("settings-defaults").ClickAsync();
            await page.GetByTestId("settings-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("settings-message")).ToContainTextAsync("Saved. The signals use these thresholds from now on.");
        }
    }
}
