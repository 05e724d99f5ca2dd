using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// The monthly round in Chromium: a lead draws a reproducible sample, a reviewer labels with the keyboard only and
/// loses nothing on reload, hostile trace text stays text, and a gap becomes a bench case the lead accepts.
/// Rounds that reviewers label live in their own projects (named to sort after the demo), so accepted cases never
/// change the demo's signals that other browser tests check.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class SamplingWorkflowTests(BrowserFixture browser)
{
    private const string Reviewer = "reviewer@demo.local", Lead = "lead@demo.local";

    internal sealed record SeedTrace(string TraceId, string Input, string Output, string Category);

    /// <summary>A project with traces, two bench cases and an open round of all its traces assigned to the demo reviewer.</summary>
    internal static int CreateProjectWithRound(string databasePath, string slug, string name, IReadOnlyList<SeedTrace> traces) =>
        CreateProject(databasePath, slug, name, traces, withRound: true)!.Value;

    /// <summary>A project with traces in October 2026 and two bench cases, and, if asked, an open round of all its traces
    /// assigned to the demo reviewer (its id is returned).</summary>
    internal static int? CreateProject(string databasePath, string slug, string name, IReadOnlyList<SeedTrace> traces, bool withRound)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var tx = connection.BeginTransaction();
        long Scalar(string sql, params (string Name, object Value)[] args)
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            foreach (var (n, v) in args) command.Parameters.AddWithValue(n, v);
            return Convert.ToInt64(command.ExecuteScalar());
        }
        const string now = "2026-11-01 09:00:00";
        var projectId = Scalar("INSERT INTO Projects (Slug, Name, IsDemo, CreatedAt) VALUES ($s, $n, 0, $t) RETURNING Id", ("$s", slug), ("$n", name), ("$t", now));
        foreach (var (id, input) in new[] { ("case-refund", "Refund a lost parcel"), ("case-tone", "Answer an angry customer politely") })
        {
            Scalar("INSERT INTO BenchCases (ProjectId, ExternalId, Input, Category, Status, Source, CreatedAt, FirstSeenAt) VALUES ($p, $id, $in, 'billing', 'Active', 'Imported', $t, $t) RETURNING Id",
                ("$p", projectId), ("$id", id), ("$in", input), ("$t", now));
        }
        var reviewerId = Scalar("SELECT rowid FROM AspNetUsers WHERE Email = $e", ("$e", Reviewer));
        var reviewer = (string)new SqliteCommand("SELECT Id FROM AspNetUsers WHERE rowid = $r", connection, tx) { Parameters = { new SqliteParameter("$r", reviewerId) } }.ExecuteScalar()!;
        long? roundId = withRound ? Scalar("""
            INSERT INTO SamplingRounds (ProjectId, Period, Size, Strategy, Seed, WindowFrom, WindowTo, Status, CreatedBy, CreatedAt)
            VALUES ($p, '2026-10', $size, 'Uniform', 1, '2026-10-01 00:00:00', '2026-11-01 00:00:00', 'Open', 'lead@demo.local', $t) RETURNING Id
            """, ("$p", projectId), ("$size", traces.Count), ("$t", now)) : null;
        for (var i = 0; i < traces.Count; i++)
        {
            var t = traces[i];
            var traceRow = Scalar("""
                INSERT INTO ProductionTraces (ProjectId, TraceId, Timestamp, Input, Output, Category, MetadataJson)
                VALUES ($p, $id, $t, $in, $out, $cat, '{"channel":"web"}') RETURNING Id
                """, ("$p", projectId), ("$id", t.TraceId), ("$t", $"2026-10-{1 + i % 28:00} {10 + i / 28 % 10:00}:00:00"), ("$in", t.Input), ("$out", t.Output), ("$cat", t.Category));
            if (roundId is not null) Scalar("INSERT INTO SampledTraces (SamplingRoundId, ProductionTraceId, Position, AssignedReviewerId) VALUES ($r, $t, $pos, $rev) RETURNING Id",
                ("$r", roundId), ("$t", traceRow), ("$pos", i + 1), ("$rev", reviewer));
        }
        tx.Commit();
        return (int?)roundId;
    }

    /// <summary>The workbench's shortcuts are live (its script has registered the key listener).</summary>
    internal static async Task WaitForWorkbenchAsync(IPage page)
    {
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("body[data-workbench-keys=on]")).ToBeAttachedAsync();
    }

    private static Task ExpectPressedAsync(IPage page, string testId) =>
        Assertions.Expect(page.GetByTestId(testId)).ToHaveAttributeAsync("aria-pressed", "true");

    private static async Task ExpectSavedAsync(IPage page) =>
        await Assertions.Expect(page.GetByTestId("save-state")).ToContainTextAsync("Saved");

    private static Task ExpectAtAsync(IPage page, int position, int of) =>
        Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"trace {position} of {of}");

    [Fact]
    public async Task A_lead_draws_a_sample_with_a_fixed_seed_sees_the_same_sample_again_and_starts_the_round()
    {
        // A project of its own: a round started in the demo would put an open round in the demo's newest quarter, which
        // the Rubrics page tests read (and which tests run first varies with the checkout path).
        const string slug = "zz-draw";
        string[] categories = ["billing", "shipping", "account"];
        var traces = Enumerable.Range(1, 42).Select(i => new SeedTrace(
            $"draw-{i}", $"Question {i} about my order", $"Answer {i}", categories[i % categories.Length])).ToList();
        CreateProject(browser.App.DatabasePath, slug, "Zz draw round", traces, withRound: false);

        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, Lead);
        await page.GotoAsync($"/p/{slug}/sampling");
        await BrowserFixture.WaitForInteractiveAsync(page);
        // No round yet: the page says so.
        await Assertions.Expect(page.GetByTestId("no-rounds")).ToContainTextAsync("No sampling round yet");

        async Task<string[]> PreviewAsync(string seed)
        {
            await page.GetByTestId("seed").FillAsync(seed);
            await page.GetByTestId("preview").ClickAsync();
            await Assertions.Expect(page.GetByTestId("preview-result")).ToContainTextAsync($"seed {seed}");
            return (await page.GetByTestId("sample-trace").AllTextContentsAsync()).ToArray();
        }
        await page.GetByTestId("period").FillAsync("2026-10");
        await page.GetByTestId("size").FillAsync("12");
        await page.GetByTestId("strategy-stratified").CheckAsync();
        // The demo's one reviewer only: other browser tests add reviewer accounts to the shared demo database, in an
        // order that varies from run to run.
        var reviewerBoxes = page.GetByRole(AriaRole.Group, new() { Name = "Reviewers" }).GetByRole(AriaRole.Checkbox);
        for (var i = 0; i < await reviewerBoxes.CountAsync(); i++)
        {
            var box = reviewerBoxes.Nth(i);
            var account = (await box.EvaluateAsync<string>("b => b.closest('label').textContent")).Trim();
            if (account == Reviewer) await box.CheckAsync();
            else await box.UncheckAsync();
        }
        var first = await PreviewAsync("4242");
        Assert.Equal(12, first.Length);
        await Assertions.Expect(page.GetByTestId("composition")).ToContainTextAsync("billing");
        var other = await PreviewAsync("77");
        Assert.NotEqual(first, other);
        Assert.Equal(first, await PreviewAsync("4242"));
        // One reviewer chosen: the preview says plainly that no blind second review is possible.
        await Assertions.Expect(page.GetByTestId("no-double-review")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "sampling-preview");

        await page.GetByTestId("start").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{slug}/sampling/\\d+$"));
        await Assertions.Expect(page.GetByTestId("round-status")).ToHaveTextAsync("open");
        await Assertions.Expect(page.GetByTestId("reviewed")).ToHaveTextAsync("0");

        // A second try on another day with the same seed: the same sample.
        var again = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(again, Lead);
        await again.GotoAsync($"/p/{slug}/sampling");
        await BrowserFixture.WaitForInteractiveAsync(again);
        // The started round is listed, open.
        await Assertions.Expect(again.GetByTestId("rounds")).ToContainTextAsync("open");
        await again.GetByTestId("period").FillAsync("2026-10");
        await again.GetByTestId("size").FillAsync("12");
        await again.GetByTestId("strategy-stratified").CheckAsync();
        await again.GetByTestId("seed").FillAsync("4242");
        await again.GetByTestId("preview").ClickAsync();
        await Assertions.Expect(again.GetByTestId("preview-result")).ToContainTextAsync("seed 4242");
        Assert.Equal(first, (await again.GetByTestId("sample-trace").AllTextContentsAsync()).ToArray());
    }

    [Fact]
    public async Task A_reviewer_labels_three_traces_with_the_keyboard_only_and_a_reload_keeps_every_label()
    {
        var traces = Enumerable.Range(1, 4).Select(i => new SeedTrace($"kb-{i}", $"Where is my refund for order {i}?", $"Your refund for order {i} is on its way.", "billing")).ToList();
        var roundId = CreateProjectWithRound(browser.App.DatabasePath, "zz-keyboard", "Zz keyboard round", traces);
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, Reviewer);
        await page.GotoAsync("/p/zz-keyboard/review");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("open-workbench").ClickAsync();
        await WaitForWorkbenchAsync(page);
        await ExpectAtAsync(page, 1, 4);

        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.GetByTestId("help-overlay")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "workbench-help");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("help-overlay")).ToHaveCountAsync(0);

        // Trace 1: good.
        await page.Keyboard.PressAsync("g");
        await ExpectPressedAsync(page, "verdict-good");
        await ExpectSavedAsync(page);
        // Trace 2: bad, first failure category, the bench would catch it with the top suggestion.
        await page.Keyboard.PressAsync("j");
        await ExpectAtAsync(page, 2, 4);
        await page.Keyboard.PressAsync("b");
        await ExpectPressedAsync(page, "verdict-bad");
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(page.GetByTestId("failure-category").First).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("y");
        await ExpectPressedAsync(page, "bench-yes");
        await ExpectSavedAsync(page);
        await Assertions.Expect(page.GetByTestId("my-progress-text")).ToHaveTextAsync("2 / 4");

        // The connection drops mid-way: a reload lands on trace 2 with its label.
        await page.ReloadAsync();
        await WaitForWorkbenchAsync(page);
        await ExpectAtAsync(page, 2, 4);
        await ExpectPressedAsync(page, "verdict-bad");
        await ExpectPressedAsync(page, "bench-yes");

        // Trace 3: good, then back to trace 1 with the arrow keys: still good.
        await page.Keyboard.PressAsync("ArrowRight");
        await ExpectAtAsync(page, 3, 4);
        await page.Keyboard.PressAsync("g");
        await ExpectSavedAsync(page);
        await Assertions.Expect(page.GetByTestId("my-progress-text")).ToHaveTextAsync("3 / 4");
        await page.Keyboard.PressAsync("k");
        await page.Keyboard.PressAsync("k");
        await ExpectAtAsync(page, 1, 4);
        await ExpectPressedAsync(page, "verdict-good");
        await BrowserFixture.ScreenshotAsync(page, "workbench");

        using var connection = new SqliteConnection($"Data Source={browser.App.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM TraceReviews r JOIN SampledTraces s ON s.Id = r.SampledTraceId WHERE s.SamplingRoundId = $r AND r.Verdict IS NOT NULL";
        command.Parameters.AddWithValue("$r", roundId);
        Assert.Equal(3L, Convert.ToInt64(command.ExecuteScalar()));
    }

    [Fact]
    public async Task Hostile_trace_text_renders_as_text_in_both_views_and_never_widens_the_page()
    {
        const string hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var longLine = new string('w', 60_000);
        var traces = new List<SeedTrace>
        {
            new("hostile-1", hostile, $"**Bold** and [a link](javascript:alert(3)) then {longLine}\nمرحبا، كيف يمكنني المساعدة؟", "billing"),
        };
        CreateProjectWithRound(browser.App.DatabasePath, "zz-hostile", "Zz hostile traces", traces);
        var page = await browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await SignInAndTrendsTests.SignInAsync(page, Reviewer);
        await page.GotoAsync("/p/zz-hostile/review");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("open-workbench").ClickAsync();
        await WaitForWorkbenchAsync(page);

        var input = page.GetByTestId("trace-input");
        await Assertions.Expect(input).ToContainTextAsync(hostile);
        Assert.Equal(0, await input.Locator("script, img").CountAsync());
        Assert.Equal(0, await page.Locator("a[href^='javascript']").CountAsync());
        await Assertions.Expect(page.GetByTestId("trace-output").Locator("strong")).ToHaveTextAsync("Bold");
        await BrowserFixture.ScreenshotAsync(page, "workbench-hostile");

        await page.Keyboard.PressAsync("m");
        await Assertions.Expect(page.GetByTestId("trace-output")).ToContainTextAsync("**Bold**");
        await Assertions.Expect(input).ToContainTextAsync(hostile);
        Assert.Equal(0, await page.Locator("[data-testid=workbench] script, [data-testid=workbench] img").CountAsync());
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"the page is {overflow} px wider than the window");
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task A_gap_becomes_a_draft_case_that_the_lead_accepts_into_the_bench()
    {
        var traces = new List<SeedTrace> { new("gap-trace-1", "I want to dispute this charge on my card", "Please renew your subscription.", "subscription disputes") };
        var roundId = CreateProjectWithRound(browser.App.DatabasePath, "zz-gap", "Zz gap round", traces);
        var reviewer = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(reviewer, Reviewer);
        await reviewer.GotoAsync($"/p/zz-gap/review/{roundId}");
        await WaitForWorkbenchAsync(reviewer);
        await reviewer.Keyboard.PressAsync("b");
        await ExpectPressedAsync(reviewer, "verdict-bad");
        await reviewer.Keyboard.PressAsync("2");
        await reviewer.Keyboard.PressAsync("n");
        await ExpectPressedAsync(reviewer, "bench-no");
        var draft = reviewer.GetByTestId("draft-case");
        await Assertions.Expect(reviewer.GetByTestId("draft-input")).ToHaveValueAsync("I want to dispute this charge on my card");
        await reviewer.GetByTestId("draft-expected").FillAsync("Acknowledge the dispute and hand it to a person.");
        await reviewer.GetByTestId("draft-expected").PressAsync("Tab");
        await ExpectSavedAsync(reviewer);
        await Assertions.Expect(draft).ToContainTextAsync("gap-trace-1");
        await BrowserFixture.ScreenshotAsync(reviewer, "workbench-gap");

        var lead = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(lead, Lead);
        await lead.GotoAsync($"/p/zz-gap/sampling/{roundId}");
        await BrowserFixture.WaitForInteractiveAsync(lead);
        await Assertions.Expect(lead.GetByTestId("gaps")).ToHaveTextAsync("1");
        var card = lead.GetByTestId("draft");
        await Assertions.Expect(card).ToContainTextAsync("Acknowledge the dispute and hand it to a person.");
        await card.GetByTestId("accept-draft").ClickAsync();
        await Assertions.Expect(card.GetByTestId("draft-status")).ToContainTextAsync("accepted as gap-gap-trace-1");
        await BrowserFixture.ScreenshotAsync(lead, "round-summary");

        using var connection = new SqliteConnection($"Data Source={browser.App.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT Status || '|' || Source || '|' || Input || '|' || ExpectedBehaviour || '|' || json_extract(ProvenanceTraceJson, '$.output')
            FROM BenchCases WHERE ExternalId = 'gap-gap-trace-1'
            """;
        Assert.Equal("Active|ProductionGap|I want to dispute this charge on my card|Acknowledge the dispute and hand it to a person.|Please renew your subscription.",
            (string?)command.ExecuteScalar());
    }
}
