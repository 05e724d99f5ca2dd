using BenchDashboard.Features.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// A lead acts on a divergence in the browser (issue 10): acknowledges it with a note, then re-baselines it with a
/// reason; the audit log has both. Works on CSAT and restores the shared demo database afterwards.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class SignalLifecycleBrowserTests(BrowserFixture browser)
{
    private const string Note = "Maria checks the campaign answers <script>alert(1)</script>";
    private const string Reason = "The campaign audience is the new normal";

    [Fact]
    public async Task A_lead_acknowledges_a_divergence_with_a_note_then_a_rebaseline_with_a_reason_closes_it()
    {
        var page = await browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await SignInAndTrendsTests.SignInAsync(page, "lead@demo.local");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var panel = page.GetByTestId("signal-panel");
        var csat = panel.GetByTestId("signal").Filter(new() { HasText = "CSAT fell" });
        try
        {
            await Assertions.Expect(csat.GetByTestId("signal-triage")).ToHaveAttributeAsync("data-status", "open");
            await Assertions.Expect(panel.Locator("[data-testid=signal-group][data-status=open]")).ToContainTextAsync("New");

            await csat.GetByTestId("signal-acknowledge").ClickAsync();
            await csat.GetByTestId("signal-triage-text").FillAsync(Note);
            await csat.GetByTestId("signal-triage-save").ClickAsync();

            // It moves to the acknowledged group, with who and the note as plain text.
            await Assertions.Expect(csat.GetByTestId("signal-triage")).ToHaveAttributeAsync("data-status", "acknowledged");
            await Assertions.Expect(panel.Locator("[data-testid=signal-group][data-status=acknowledged]")).ToBeVisibleAsync();
            await Assertions.Expect(csat.GetByTestId("signal-status")).ToContainTextAsync("by lead@demo.local");
            await Assertions.Expect(csat.GetByTestId("signal-note")).ToHaveTextAsync(Note);
            Assert.Equal(0, await panel.Locator("script").CountAsync());
            await BrowserFixture.ScreenshotAsync(page, "signal-acknowledged");
            Assert.Equal(1, Count("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'signal.acknowledged' AND Actor = 'lead@demo.local' AND PayloadJson LIKE '%Maria checks%'"));

            // A re-baseline without a reason is refused in plain words; with one, the episode closes.
            await csat.GetByTestId("signal-rebaseline").ClickAsync();
            await csat.GetByTestId("signal-triage-save").ClickAsync();
            await Assertions.Expect(csat.GetByTestId("signal-triage-error")).ToContainTextAsync("Write why this level is the new normal");
            await csat.GetByTestId("signal-triage-text").FillAsync(Reason);
            await csat.GetByTestId("signal-triage-save").ClickAsync();
            await Assertions.Expect(csat).ToHaveCountAsync(0);
            await Assertions.Expect(panel.GetByTestId("signal").Filter(new() { HasText = "Thumbs-up rate fell" })).ToBeVisibleAsync();
            Assert.Equal(1, Count($"SELECT COUNT(*) FROM SignalRebaselines WHERE Metric = 'csat' AND Reason = '{Reason}'"));
            Assert.Equal(1, Count("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'signal.rebaselined' AND PayloadJson LIKE '%new normal%'"));
            Assert.Equal(0, dialogs);
        }
        finally
        {
            // The demo database is shared by the browser tests: the CSAT divergence comes back.
            Count("DELETE FROM SignalRebaselines WHERE Metric = 'csat'; DELETE FROM SignalTriages WHERE Subject = 'csat'; " +
                "UPDATE Projects SET DataVersion = DataVersion + 1; SELECT 0"); // raw writes bump the signals' data version themselves
        }
    }

    [Fact]
    public async Task A_reviewer_reads_the_signals_but_cannot_change_them()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, "reviewer@demo.local");
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/signals");
        var panel = page.GetByTestId("signal-panel");
        await Assertions.Expect(panel.GetByTestId("signal").First).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByTestId("signal-status").First).ToBeVisibleAsync();
        Assert.Equal(0, await panel.GetByTestId("signal-acknowledge").CountAsync());
        Assert.Equal(0, await panel.GetByTestId("signal-rebaseline").CountAsync());
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={browser.App.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
