using System.Text.RegularExpressions;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// The quarterly rubric review in Chromium (issue 15, "Done means"): a lead starts the review, drops one item and adds one,
/// sees the recent runs re-graded, submits, and cannot approve their own review; a second lead approves; the new version
/// appears with what changed and its downloads, the rubric-review cadence signal clears, the audit log holds every step,
/// and runs under the new version are marked on Trends. Each test has its own project (named to sort after the demo), so
/// the demo's signals, which other browser tests check, stay as they are.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class RubricReviewBrowserTests(BrowserFixture browser)
{
    private const string Lead = "lead@demo.local", Auditor = "auditor@demo.local";
    // Meets Identity's default rules too, which this test's UserManager applies (the app itself asks for length only).
    private const string SecondLeadPassword = "Second-Lead-Password-2026";
    private const string HostileWording = "<b>Polite</b> tone <script>window.__pwned = 1</script>";

    /// <summary>
    /// A project since January whose rubric (v1: cites-policy, tone, format) was never reviewed, and two runs under it in
    /// October with four results each: one passes every item, one fails only tone, one fails cites-policy, and one passes
    /// with no per-item outcomes. Dropping tone moves each run from 2 of 4 to 3 of 4.
    /// </summary>
    private static (long ProjectId, long VersionId) CreateProject(string databasePath, string slug)
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
        // Named to sort after the demo project: a browser without a project cookie lands on the first project by name, and
        // the other browser tests expect the demo there (a name starting "Rubric" sent the next test to this project).
        var projectId = Scalar("INSERT INTO Projects (Slug, Name, IsDemo, CreatedAt) VALUES ($s, $n, 0, '2026-01-05 09:00:00') RETURNING Id",
            ("$s", slug), ("$n", "Zz rubric review " + slug[^6..]));
        var version = Scalar("INSERT INTO PipelineVersions (ProjectId, Version, DeployedAt) VALUES ($p, 'v1', '2026-01-05 09:00:00') RETURNING Id", ("$p", projectId));
        var rubric = Scalar("INSERT INTO RubricVersions (ProjectId, Number, Status, CreatedAt, Notes) VALUES ($p, 1, 'Imported', '2026-01-05 09:00:00', 'first') RETURNING Id",
            ("$p", projectId));
        foreach (var (key, description, position) in new[] { ("cites-policy", "Cites the refund policy.", 0), ("tone", HostileWording, 1), ("format", "Answers in the house format.", 2) })
        {
            Scalar("INSERT INTO RubricVersionItems (RubricVersionId, Key, Description, Weight, Position) VALUES ($r, $k, $d, 1, $i) RETURNING Id",
                ("$r", rubric), ("$k", key), ("$d", description), ("$i", position));
        }
        var cases = new[] { "refund-lost", "angry-customer", "policy-quote", "track-order" }
            .Select(c => Scalar("""
                INSERT INTO BenchCases (ProjectId, ExternalId, Input, Category, Status, Source, CreatedAt, FirstSeenAt)
                VALUES ($p, $id, 'input', 'billing', 'Active', 'Imported', '2026-10-01 10:00:00', '2026-10-01 10:00:00') RETURNING Id
                """, ("$p", projectId), ("$id", c))).ToArray();
        (bool Passed, string? Items)[] results =
        [
            (true, """{"cites-policy": true, "tone": true, "format": true}"""),
            (false, """{"cites-policy": true, "tone": false, "format": true}"""),
            (false, """{"cites-policy": false, "tone": true, "format": true}"""),
            (true, null),
        ];
        foreach (var (runId, at) in new[] { ("oct-01", "2026-10-01 10:00:00"), ("oct-15", "2026-10-15 10:00:00") })
        {
            var run = Scalar("INSERT INTO BenchRuns (ProjectId, RunId, PipelineVersionId, RubricVersionId, StartedAt) VALUES ($p, $id, $v, $r, $t) RETURNING Id",
                ("$p", projectId), ("$id", runId), ("$v", version), ("$r", rubric), ("$t", at));
            for (var i = 0; i < cases.Length; i++)
            {
                Scalar("INSERT INTO BenchResults (BenchRunId, BenchCaseId, Passed, ItemOutcomesJson) VALUES ($r, $c, $ok, $items) RETURNING Id",
                    ("$r", run), ("$c", cases[i]), ("$ok", results[i].Passed), ("$items", (object?)results[i].Items ?? DBNull.Value));
            }
        }
        tx.Commit();
        return (projectId, version);
    }

    /// <summary>Two runs under <paramref name="rubricNumber"/> in November (every result passes), as the bench runner sends them after approval.</summary>
    private static void RunsUnderRubric(string databasePath, long projectId, long versionId, int rubricNumber)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO BenchRuns (ProjectId, RunId, PipelineVersionId, RubricVersionId, StartedAt)
            SELECT $p, 'nov-0' || n.x, $v, (SELECT Id FROM RubricVersions WHERE ProjectId = $p AND Number = $n), '2026-11-0' || n.x || ' 10:00:00'
            FROM (SELECT 2 AS x UNION SELECT 6) n;
            INSERT INTO BenchResults (BenchRunId, BenchCaseId, Passed)
            SELECT r.Id, c.Id, 1 FROM BenchRuns r JOIN BenchCases c ON c.ProjectId = r.ProjectId WHERE r.ProjectId = $p AND r.RunId LIKE 'nov-%';
            UPDATE Projects SET DataVersion = DataVersion + 1 WHERE Id = $p;
            """;
        command.Parameters.AddWithValue("$p", projectId);
        command.Parameters.AddWithValue("$v", versionId);
        command.Parameters.AddWithValue("$n", rubricNumber);
        command.ExecuteNonQuery();
    }

    /// <summary>A second Lead, made the way the app makes accounts (Identity's UserManager on the app's database).</summary>
    private static async Task<string> CreateSecondLeadAsync(string databasePath)
    {
        var email = $"second-lead-{Guid.NewGuid():N}"[..24] + "@example.com";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<AppDbContext>(o => o.UseSqlite($"Data Source={databasePath};Pooling=False"));
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Second Lead" };
        var created = await users.CreateAsync(user, SecondLeadPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, Roles.Lead)).Succeeded);
        return email;
    }

    private static List<(string Action, string Actor)> AuditTrail(string databasePath, string subject)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Action, Actor FROM AuditEvents WHERE Subject = $s ORDER BY Id";
        command.Parameters.AddWithValue("$s", subject);
        using var reader = command.ExecuteReader();
        var trail = new List<(string, string)>();
        while (reader.Read()) trail.Add((reader.GetString(0), reader.GetString(1)));
        return trail;
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/"));
    }

    private static Task<bool> FitsAsync(IPage page) => page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_lead_reviews_the_rubric_a_second_lead_approves_and_the_new_version_cadence_audit_log_and_trends_follow()
    {
        var slug = $"zz-rubric-{Guid.NewGuid():N}"[..20];
        var (projectId, versionId) = CreateProject(browser.App.DatabasePath, slug);
        var secondLead = await CreateSecondLeadAsync(browser.App.DatabasePath);
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, Lead);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/"));

        // The cadence says the rubric was never reviewed.
        await page.GotoAsync($"/p/{slug}/signals?asOf={Today}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("signal").Filter(new() { HasText = "The rubric has never been reviewed" })).ToHaveCountAsync(1);

        await page.GotoAsync($"/p/{slug}/rubrics/reviews");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("no-reviews")).ToBeVisibleAsync();
        await page.GetByTestId("start-review").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{slug}/rubrics/reviews/\\d+$"));
        var reviewPath = new Uri(page.Url).AbsolutePath;
        var reviewId = int.Parse(reviewPath[(reviewPath.LastIndexOf('/') + 1)..]);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("review-status")).ToHaveTextAsync("Draft");
        await Assertions.Expect(page.GetByTestId("item-row")).ToHaveCountAsync(3);

        // Item wording is text, never markup.
        var toneRow = page.Locator("[data-testid=item-row][data-item=tone]");
        await Assertions.Expect(toneRow.Locator(".wording")).ToHaveTextAsync(HostileWording);
        Assert.Equal(0, await page.Locator("[data-testid=items] b, [data-testid=items] td script").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned"));

        // Submitting waits for every item, and says which.
        await page.GetByTestId("submit-review").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-message")).ToContainTextAsync("3 items still need a decision before the review can be submitted: cites-policy, tone, format.");

        // Drop tone, by keyboard: tick it with Space, choose Drop, write why, press Enter on the button.
        await toneRow.GetByTestId("item-select").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByTestId("selected-count")).ToContainTextAsync("1 item selected.");
        await page.GetByTestId("decision").SelectOptionAsync("Drop");
        await page.GetByTestId("rationale").FillAsync("Tone never separates good answers from bad ones.");
        await page.GetByTestId("apply-decision").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("review-message")).ToContainTextAsync("Drop: recorded for 1 item.");
        await Assertions.Expect(toneRow.GetByTestId("item-decision")).ToContainTextAsync("Tone never separates");

        // The re-grade impact: each run 2 of 4 → 3 of 4; the result without outcomes kept its verdict.
        await Assertions.Expect(page.GetByTestId("impact-summary")).ToContainTextAsync("Dropping tone moves the pass rate of the last 2 runs with per-item outcomes from 50.0 % to 75.0 %");
        await Assertions.Expect(page.GetByTestId("impact-change")).ToHaveTextAsync("+25.0 pp");
        await Assertions.Expect(page.GetByTestId("impact-rule")).ToContainTextAsync("2 results reported no per-item outcomes and kept their verdict.");
        await Assertions.Expect(page.GetByTestId("impact-run")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=impact-run][data-run=oct-15]")).ToContainTextAsync("50.0 % → 75.0 %");

        // Keep the other two in one go, with one rationale.
        await page.GetByTestId("select-undecided").ClickAsync();
        await Assertions.Expect(page.GetByTestId("selected-count")).ToContainTextAsync("2 items selected.");
        await page.GetByTestId("decision").SelectOptionAsync("Keep");
        await page.GetByTestId("rationale").FillAsync("Both still decide whether a customer is helped.");
        await page.GetByTestId("apply-decision").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-message")).ToContainTextAsync("Keep: recorded for 2 items.");

        // Add an item from a failure category; a key the rubric has is refused in plain words first.
        await page.GetByTestId("add-category").SelectOptionAsync("wrong answer");
        await Assertions.Expect(page.GetByTestId("add-key")).ToHaveValueAsync("wrong-answer");
        await page.GetByTestId("add-key").FillAsync("Tone");
        await page.GetByTestId("add-description").FillAsync("Gives the answer the policy gives.");
        await page.GetByTestId("add-rationale").FillAsync("Reviewers flag wrong answers the rubric does not check.");
        await page.GetByTestId("add-item").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-message")).ToContainTextAsync("Rubric v1 already has an item “Tone”");
        await page.GetByTestId("add-key").FillAsync("answers-per-policy");
        await page.GetByTestId("add-item").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-message")).ToContainTextAsync("Added the item “answers-per-policy”.");
        await Assertions.Expect(page.Locator("[data-testid=added-item][data-item=answers-per-policy]")).ToContainTextAsync("from the failure category “wrong answer”");
        await Assertions.Expect(page.GetByTestId("submit-hint")).ToContainTextAsync("Every item has a decision.");
        await BrowserFixture.ScreenshotAsync(page, "rubric-review-draft");

        // At phone width the page never scrolls sideways; wide tables scroll inside their own box.
        var phone = await browser.NewPageAsync(width: 390);
        await SignInAndTrendsTests.SignInAsync(phone, Lead);
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex("/p/"));
        await phone.GotoAsync(reviewPath);
        await BrowserFixture.WaitForInteractiveAsync(phone);
        await Assertions.Expect(phone.GetByTestId("decide-form")).ToBeVisibleAsync();
        Assert.True(await FitsAsync(phone), "the draft review scrolls sideways at 390 px");
        // Each item is a card at phone width: its decision is on screen, not in a column to scroll to.
        var decision = await phone.GetByTestId("item-decision").First.BoundingBoxAsync();
        Assert.True(decision is { X: >= 0 } && decision.X + decision.Width <= 390, $"the first item's decision is off screen at 390 px ({decision?.X} + {decision?.Width})");
        await BrowserFixture.ScreenshotAsync(phone, "rubric-review-draft-390");

        // Submit; the author is told plainly that someone else approves.
        await page.GetByTestId("submit-review").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-status")).ToHaveTextAsync("Submitted for approval");
        await Assertions.Expect(page.GetByTestId("approve-not-author")).ToContainTextAsync("You wrote this review, so you cannot approve it");
        await Assertions.Expect(page.GetByTestId("approve-review")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("decide-form")).ToHaveCountAsync(0);

        // A second lead approves.
        var second = await browser.NewPageAsync(dark: true);
        await SignInAsync(second, secondLead, SecondLeadPassword);
        await second.GotoAsync(reviewPath);
        await BrowserFixture.WaitForInteractiveAsync(second);
        await Assertions.Expect(second.GetByTestId("approve-hint")).ToContainTextAsync("Approving makes rubric v2 from these decisions (kept 2, changed 0, dropped 1, added 1)");
        await second.GetByTestId("approve-review").ClickAsync();
        await Assertions.Expect(second.GetByTestId("review-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(second.GetByTestId("approved-by")).ToContainTextAsync($"Approved by {secondLead}");
        await Assertions.Expect(second.GetByTestId("result-summary")).ToContainTextAsync("Rubric v2 replaces v1: kept 2, changed 0, dropped 1, added 1. It has 3 items");
        await Assertions.Expect(second.GetByTestId("change-added")).ToContainTextAsync("answers-per-policy: Gives the answer the policy gives.");
        await Assertions.Expect(second.GetByTestId("change-dropped")).ToContainTextAsync("tone: " + HostileWording);
        await Assertions.Expect(second.GetByTestId("abandon-form")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(second, "rubric-review-approved-dark");

        // The downloads: the new version as JSON and as promptfoo assertions keyed by the items.
        var json = await second.Context.APIRequest.GetAsync(await second.GetByTestId("export-json").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, json.Status);
        var rubric = System.Text.Json.JsonDocument.Parse(await json.TextAsync()).RootElement;
        Assert.Equal((2, "approved", secondLead), (rubric.GetProperty("number").GetInt32(), rubric.GetProperty("status").GetString(), rubric.GetProperty("approvedBy").GetString()));
        Assert.Equal(["cites-policy", "format", "answers-per-policy"], rubric.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
        var yaml = await (await second.Context.APIRequest.GetAsync(await second.GetByTestId("export-promptfoo").GetAttributeAsync("href") ?? "")).TextAsync();
        Assert.Contains("    metric: \"answers-per-policy\"\n", yaml);
        Assert.DoesNotContain("\"tone\"", yaml);

        // The lead sees the same, and the list names both people.
        await page.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("review-status")).ToHaveTextAsync("Approved");
        await page.GotoAsync($"/p/{slug}/rubrics/reviews");
        var row = page.Locator($"[data-testid=review-row][data-review='{reviewId}']");
        await Assertions.Expect(row).ToContainTextAsync("v1 → v2");
        await Assertions.Expect(row).ToContainTextAsync(Lead);
        await Assertions.Expect(row).ToContainTextAsync(secondLead);

        // The cadence item is gone.
        await page.GotoAsync($"/p/{slug}/signals?asOf={Today}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("signal").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("signal").Filter(new() { HasTextRegex = new Regex("The rubric (has never been|was last) reviewed") })).ToHaveCountAsync(0);

        // The audit log has every step, each by whoever took it.
        Assert.Equal(
            [
                ("rubric_review.started", Lead), ("rubric_review.decided", Lead), ("rubric_review.decided", Lead),
                ("rubric_review.item_added", Lead), ("rubric_review.submitted", Lead), ("rubric_review.approved", secondLead),
            ],
            AuditTrail(browser.App.DatabasePath, $"rubric-review:{reviewId}"));

        // Runs under the new version are marked on Trends, and the step is said in words.
        RunsUnderRubric(browser.App.DatabasePath, projectId, versionId, 2);
        await page.GotoAsync($"/p/{slug}/trends?bucket=day&metric=benchPassRate&from=2026-09-25&to=2026-11-20");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("rubric-step")).ToContainTextAsync(
            "Rubric v2 from run nov-02 (2 Nov 2026): mean bench pass rate 50.0 % over the last 2 runs before, 100.0 % over the first 2 runs under it (+50.0 pp).");
        var chart = page.GetByTestId("trends-chart");
        await Assertions.Expect(chart.Locator("g.annotation-text-g text", new() { HasText = "rubric v2" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_auditor_reads_an_approved_review_on_a_phone_in_dark_mode_without_controls_and_a_reviewer_is_refused()
    {
        var slug = $"zz-rubric-{Guid.NewGuid():N}"[..20];
        CreateProject(browser.App.DatabasePath, slug);
        var secondLead = await CreateSecondLeadAsync(browser.App.DatabasePath);
        var lead = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(lead, Lead);
        await Assertions.Expect(lead).ToHaveURLAsync(new Regex("/p/"));
        await lead.GotoAsync($"/p/{slug}/rubrics/reviews");
        await BrowserFixture.WaitForInteractiveAsync(lead);
        await lead.GetByTestId("start-review").ClickAsync();
        await Assertions.Expect(lead).ToHaveURLAsync(new Regex($"/p/{slug}/rubrics/reviews/\\d+$"));
        var reviewPath = new Uri(lead.Url).AbsolutePath;
        await BrowserFixture.WaitForInteractiveAsync(lead);
        await lead.GetByTestId("select-undecided").ClickAsync();
        await lead.GetByTestId("rationale").FillAsync("All three still matter.");
        await lead.GetByTestId("apply-decision").ClickAsync();
        await Assertions.Expect(lead.GetByTestId("review-message")).ToContainTextAsync("Keep: recorded for 3 items.");
        await lead.Locator("[data-testid=item-row][data-item=format]").GetByTestId("change-item").ClickAsync();
        await Assertions.Expect(lead.GetByTestId("new-wording")).ToBeFocusedAsync();
        await lead.GetByTestId("new-wording").FillAsync("Answers in the 2026 house format, with a very long explanation that has to wrap on a phone screen rather than push the page sideways.");
        await lead.GetByTestId("rationale").FillAsync("The house format changed in the autumn.");
        await lead.GetByTestId("apply-decision").ClickAsync();
        await Assertions.Expect(lead.GetByTestId("review-message")).ToContainTextAsync("Change the wording: recorded for 1 item.");
        await lead.GetByTestId("submit-review").ClickAsync();
        await Assertions.Expect(lead.GetByTestId("review-status")).ToHaveTextAsync("Submitted for approval");

        var second = await browser.NewPageAsync();
        await SignInAsync(second, secondLead, SecondLeadPassword);
        await second.GotoAsync(reviewPath);
        await BrowserFixture.WaitForInteractiveAsync(second);
        await second.GetByTestId("approve-review").ClickAsync();
        await Assertions.Expect(second.GetByTestId("change-reworded")).ToContainTextAsync("format: “Answers in the house format.” → “Answers in the 2026 house format");

        var page = await browser.NewPageAsync(width: 390, dark: true);
        await SignInAndTrendsTests.SignInAsync(page, Auditor);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/"));
        await page.GotoAsync(reviewPath);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("review-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("change-reworded")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("decide-form").CountAsync() + await page.GetByTestId("approve-review").CountAsync()
                        + await page.GetByTestId("abandon-form").CountAsync() + await page.GetByTestId("item-select").CountAsync());
        Assert.True(await FitsAsync(page), "the approved review scrolls sideways at 390 px");
        await BrowserFixture.ScreenshotAsync(page, "rubric-review-auditor-390-dark");

        var reviewer = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(reviewer, "reviewer@demo.local");
        await Assertions.Expect(reviewer).Not.ToHaveURLAsync(new Regex("/account/login"));
        await reviewer.GotoAsync(reviewPath);
        await Assertions.Expect(reviewer.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.GetByTestId("review-header")).ToHaveCountAsync(0);
    }
}
