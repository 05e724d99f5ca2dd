using System.Globalization;
using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// The Rubrics page in Chromium (issue 15, point 2): a lead reads the demo's rubric, its diff and its items over a quarter
/// chosen in the address, and what may be missing; an auditor reads it all with no control to change anything; a
/// reviewer is refused; untrusted rubric text is shown as text. Light, dark and phone width, none scrolling sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class RubricsPageTests(BrowserFixture browser)
{
    private const string Lead = "lead@demo.local", Auditor = "auditor@demo.local", Reviewer = "reviewer@demo.local";
    private const int PhoneWidth = 390;
    private static readonly string Rubrics = $"/p/{DemoStory.ProjectSlug}/rubrics";

    private async Task<IPage> SignedInAsync(string email, int width = 1400, bool dark = false)
    {
        var page = await browser.NewPageAsync(width, dark);
        await SignInAndTrendsTests.SignInAsync(page, email);
        return page;
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("loading")).ToHaveCountAsync(0);
    }

    private static Task<int> SidewaysAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    [Fact]
    public async Task A_lead_reads_the_current_rubric_its_history_the_diff_the_items_over_a_quarter_and_what_may_be_missing()
    {
        var page = await SignedInAsync(Lead);
        await OpenAsync(page, Rubrics);

        await Assertions.Expect(page.GetByTestId("current-version")).ToContainTextAsync("Current rubric: version 2");
        await Assertions.Expect(page.GetByTestId("current-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(page.GetByTestId("current-origin")).ToContainTextAsync("approved by admin@demo.local on ");
        await Assertions.Expect(page.GetByTestId("current-item")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("history-row").Last).ToContainTextAsync("imported through the API");
        await Assertions.Expect(page.GetByTestId("reviews-link")).ToHaveAttributeAsync("href", $"/p/{DemoStory.ProjectSlug}/rubrics/reviews");
        // The current version downloads for the bench runner: its items, as the JSON export writes them.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-json").ClickAsync());
        using (var exported = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)))
        {
            Assert.Equal(2, exported.RootElement.GetProperty("number").GetInt32());
            Assert.Contains(exported.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("key").GetString() == DemoRubric.DisputeItem);
        }

        // By default the diff runs from the previous version to the current one.
        var diff = page.GetByTestId("diff");
        await Assertions.Expect(diff).ToHaveAttributeAsync("data-from", "1");
        await Assertions.Expect(diff.GetByTestId("diff-added")).ToContainTextAsync(DemoRubric.DisputeItem);
        await Assertions.Expect(diff.GetByTestId("diff-removed")).ToContainTextAsync("format");
        await Assertions.Expect(diff.GetByTestId("diff-reworded")).ToContainTextAsync("tone");
        await Assertions.Expect(diff.GetByTestId("diff-reweighted")).ToContainTextAsync("weight 1 → 1.5");

        // The same version twice, chosen in the address: nothing changed, said so.
        await OpenAsync(page, $"{Rubrics}?from=2&to=2");
        await Assertions.Expect(page.GetByTestId("diff-none")).ToContainTextAsync("same version");
        // A version that does not exist, said plainly.
        await OpenAsync(page, $"{Rubrics}?from=7&to=2");
        await Assertions.Expect(page.GetByTestId("diff-problem")).ToContainTextAsync("There is no rubric version “7”.");

        // Items over the newest run's quarter: the dispute item never fails, and the page says what that means.
        await OpenAsync(page, Rubrics);
        await Assertions.Expect(page.GetByTestId("quarter-current")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.GetByTestId("item-runs-summary")).ToContainTextAsync("every one reported per-item outcomes");
        var dispute = page.GetByTestId("item-row").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = DemoRubric.DisputeItem }) });
        await Assertions.Expect(dispute.GetByTestId("item-failure-rate")).ToContainTextAsync("0.0 %");
        await Assertions.Expect(dispute.GetByTestId("item-ever-fails")).ToContainTextAsync("it tells you nothing");
        var policy = page.GetByTestId("item-row").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "cites-policy" }) });
        await Assertions.Expect(policy.GetByTestId("item-ever-fails")).ToHaveTextAsync("Yes");
        await Assertions.Expect(policy.GetByTestId("item-trend")).ToContainTextAsync("Oct");

        // The demo's newest rounds are a quarter older than its newest runs: the page points there, and there the category
        // no item covers comes first.
        var latest = page.GetByTestId("latest-rounds-quarter");
        await Assertions.Expect(page.GetByTestId("no-rounds")).ToBeVisibleAsync();
        await latest.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"quarter=\d{4}-Q[1-4]"));
        await Assertions.Expect(page.GetByTestId("missing-summary")).ToContainTextAsync("sampling rounds");
        var first = page.GetByTestId("missing-row").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-category", DemoRubric.UncoveredCategory);
        await Assertions.Expect(first.GetByTestId("missing-covered")).ToHaveTextAsync("No item covers this");
        await Assertions.Expect(first.GetByTestId("missing-catch")).ToContainTextAsync("95 % interval");
        var covered = page.GetByTestId("missing-row").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = DemoRubric.DisputeCategory }) });
        await Assertions.Expect(covered.GetByTestId("missing-covered")).ToHaveTextAsync($"covered by {DemoRubric.DisputeItem}");
        // That quarter has runs under both versions: the trend spans its months.
        await Assertions.Expect(policy.GetByTestId("item-trend")).ToContainTextAsync("%");
    }

    [Fact]
    public async Task An_auditor_reads_the_rubrics_page_with_no_control_to_change_anything()
    {
        var page = await SignedInAsync(Auditor);
        await OpenAsync(page, $"/p/{DemoStory.ProjectSlug}/trends");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Rubrics", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(Rubrics)}$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("current-version")).ToContainTextAsync("version 2");
        await Assertions.Expect(page.GetByTestId("item-stats")).ToBeVisibleAsync();

        // Nothing to type into and no button but the diff's "Compare", which only changes the address.
        var content = page.Locator(".page-shell");
        await Assertions.Expect(content.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(0);
        await Assertions.Expect(content.GetByRole(AriaRole.Button, new() { Name = "Compare" })).ToHaveCountAsync(1);
        await Assertions.Expect(content.Locator("button:not([data-testid=diff-compare]):not([aria-haspopup])")).ToHaveCountAsync(0);
        await Assertions.Expect(content.Locator("form")).ToHaveCountAsync(0);
        await page.GetByTestId("diff-compare").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"from=1&to=2"));
    }

    [Fact]
    public async Task A_reviewer_is_refused_the_rubrics_page_and_is_not_offered_it()
    {
        var page = await SignedInAsync(Reviewer);
        await page.GotoAsync(Rubrics);
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("current-version")).ToHaveCountAsync(0);
        await OpenAsync(page, $"/p/{DemoStory.ProjectSlug}/review");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Rubrics", Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Rubric_text_from_the_api_is_shown_as_text_and_a_project_without_runs_or_rounds_says_so()
    {
        const string slug = "zz-rubrics-text", hostile = "<img src=x onerror=alert(1)> & <b>bold</b>";
        using (var connection = new SqliteConnection($"Data Source={browser.App.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var tx = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO Projects (Slug, Name, IsDemo, CreatedAt) VALUES ($s, $s, 0, $t) ON CONFLICT DO NOTHING;
                INSERT INTO RubricVersions (ProjectId, Number, Status, Notes, CreatedAt)
                    SELECT Id, 1, 'Imported', $h, $t FROM Projects WHERE Slug = $s ON CONFLICT DO NOTHING;
                INSERT INTO RubricVersionItems (RubricVersionId, Key, Description, Weight, Position)
                    SELECT v.Id, 'k<i>1</i>', $h, 1, 0 FROM RubricVersions v JOIN Projects p ON p.Id = v.ProjectId WHERE p.Slug = $s
                    ON CONFLICT DO NOTHING;
                UPDATE Projects SET DataVersion = DataVersion + 1 WHERE Slug = $s;
                """;
            command.Parameters.AddWithValue("$s", slug);
            command.Parameters.AddWithValue("$h", hostile);
            command.Parameters.AddWithValue("$t", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
            tx.Commit();
        }

        var page = await SignedInAsync(Lead);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await OpenAsync(page, $"/p/{slug}/rubrics");
        await Assertions.Expect(page.GetByTestId("current-notes")).ToHaveTextAsync(hostile);
        await Assertions.Expect(page.GetByTestId("current-item")).ToContainTextAsync("k<i>1</i>");
        await Assertions.Expect(page.GetByTestId("current-items").Locator("img")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("diff-single")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("item-runs-summary")).ToContainTextAsync("No bench run started in");
        await Assertions.Expect(page.GetByTestId("no-rounds")).ToContainTextAsync("Start the monthly sampling");
        Assert.Equal(0, dialogs);
    }

    public static TheoryData<string> Modes => new() { "light", "dark", "phone" };

    /// <summary>The page at the newest quarter and at the quarter of the newest rounds, in light, dark and at phone width.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_rubrics_page_renders_in_each_mode_without_sideways_scrolling(string mode)
    {
        var page = await SignedInAsync(Lead, mode == "phone" ? PhoneWidth : 1400, dark: mode == "dark");
        await OpenAsync(page, Rubrics);
        await Assertions.Expect(page.GetByTestId("item-stats")).ToBeVisibleAsync();
        Assert.True(await SidewaysAsync(page) == 0, $"the rubrics page scrolls sideways in {mode} mode");
        await BrowserFixture.ScreenshotAsync(page, $"rubrics/current-{mode}");

        var latest = await page.GetByTestId("latest-rounds-quarter").GetAttributeAsync("href");
        await OpenAsync(page, latest!);
        await Assertions.Expect(page.GetByTestId("missing")).ToBeVisibleAsync();
        Assert.True(await SidewaysAsync(page) == 0, $"the rubrics page of the rounds' quarter scrolls sideways in {mode} mode");
        await BrowserFixture.ScreenshotAsync(page, $"rubrics/missing-{mode}");
    }
}
