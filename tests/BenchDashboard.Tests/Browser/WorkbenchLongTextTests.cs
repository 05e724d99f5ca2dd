using BenchDashboard.Features.Review;
using Microsoft.Playwright;
using static BenchDashboard.Tests.Browser.SamplingWorkflowTests;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// Issue 12, finding 14: a note longer than the live connection's message limit dropped the connection and nothing was
/// saved, without a word. Each text field now says its limit and stops typing and pasting there, and the connection
/// accepts the largest field whole.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class WorkbenchLongTextTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_pasted_essay_is_cut_at_the_notes_limit_and_saved_and_a_long_draft_input_is_saved_whole()
    {
        var traces = new List<SeedTrace> { new("long-trace-1", "Cancel my order please", "Your order has shipped.", "order changes") };
        var roundId = CreateProjectWithRound(browser.App.DatabasePath, "zz-long", "Zz long text", traces);
        // At phone width in the dark theme: the limit hints must fit and read there too (see the screenshot).
        var page = await browser.NewPageAsync(width: 390, dark: true);
        await SignInAndTrendsTests.SignInAsync(page, "reviewer@demo.local");
        await page.GotoAsync($"/p/zz-long/review/{roundId}");
        await WaitForWorkbenchAsync(page);
        await page.Keyboard.PressAsync("b");
        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("n");
        await Assertions.Expect(page.GetByTestId("draft-case")).ToBeVisibleAsync();

        // Ten times the limit, pasted the way a browser inserts text.
        await page.GetByTestId("notes").FocusAsync();
        await page.Keyboard.InsertTextAsync(string.Concat(Enumerable.Repeat("Long reviewer notes. ", 2_000)));
        await page.GetByTestId("notes").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("save-state")).ToContainTextAsync("Saved");
        await Assertions.Expect(page.GetByTestId("notes-limit")).ToContainTextAsync($"At most {ReviewService.MaxNotesLength:N0} characters");

        await BrowserFixture.ScreenshotAsync(page, "workbench-text-limits-phone-dark");

        // Well over SignalR's default 32 KB, under the field's own limit.
        var input = string.Concat(Enumerable.Repeat("a long customer message ", 2_500));
        await page.GetByTestId("draft-input").FillAsync(input);
        await page.GetByTestId("draft-input").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("save-state")).ToContainTextAsync("Saved");

        await page.ReloadAsync();
        await WaitForWorkbenchAsync(page);
        Assert.Equal(ReviewService.MaxNotesLength, (await page.GetByTestId("notes").InputValueAsync()).Length);
        Assert.Equal(input.TrimEnd(), (await page.GetByTestId("draft-input").InputValueAsync()).TrimEnd());
    }
}
