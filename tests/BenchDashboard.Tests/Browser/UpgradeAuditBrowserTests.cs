using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// The per-upgrade bench audit in Chromium: from the cadence signal a lead opens the audit of a version pair, decides the
/// newly failing cases (one by keyboard, the rest in bulk), cannot sign off before that, signs off, and the cadence item
/// goes away; an auditor reads the same audit without controls. Each test uses its own project (named to sort after the
/// demo) so the demo's signals, which other browser tests check, stay as they are.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class UpgradeAuditBrowserTests(BrowserFixture browser)
{
    private const string Lead = "lead@demo.local", Auditor = "auditor@demo.local";
    private const string HostileInput = "<script>window.__pwned = 1</script><b>Refund</b> a parcel that never arrived";

    /// <summary>A project with v1 and v2 live since the summer (long past the grace period) and one bench run of each:
    /// two cases newly fail, one newly passes, one passes in both.</summary>
    private static void CreateProject(string databasePath, string slug)
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
        var projectId = Scalar("INSERT INTO Projects (Slug, Name, IsDemo, CreatedAt) VALUES ($s, $n, 0, '2026-07-01 09:00:00') RETURNING Id",
            ("$s", slug), ("$n", "Upgrade audit " + slug[^6..]));
        var v1 = Scalar("INSERT INTO PipelineVersions (ProjectId, Version, DeployedAt) VALUES ($p, 'v1', '2026-07-01 09:00:00') RETURNING Id", ("$p", projectId));
        var v2 = Scalar("INSERT INTO PipelineVersions (ProjectId, Version, DeployedAt) VALUES ($p, 'v2', '2026-08-01 09:00:00') RETURNING Id", ("$p", projectId));
        var runs = new[] { (v1, "run-v1", "2026-07-20 10:00:00"), (v2, "run-v2", "2026-08-03 10:00:00") }
            .Select(r => Scalar("INSERT INTO BenchRuns (ProjectId, RunId, PipelineVersionId, StartedAt) VALUES ($p, $id, $v, $t) RETURNING Id",
                ("$p", projectId), ("$id", r.Item2), ("$v", r.Item1), ("$t", r.Item3))).ToArray();
        foreach (var (caseId, input, before, after) in new[]
                 {
                     ("refund-lost", HostileInput, true, false), ("tone-angry", "Answer an angry customer politely", true, false),
                     ("vat-invoice", "Send a VAT invoice again", false, true), ("track-order", "Where is my order?", true, true),
                 })
        {
            var caseRow = Scalar("""
                INSERT INTO BenchCases (ProjectId, ExternalId, Input, Category, Status, Source, CreatedAt, FirstSeenAt)
                VALUES ($p, $id, $in, 'billing', 'Active', 'Imported', '2026-07-20 10:00:00', '2026-07-20 10:00:00') RETURNING Id
                """, ("$p", projectId), ("$id", caseId), ("$in", input));
            foreach (var (run, passed) in new[] { (runs[0], before), (runs[1], after) })
            {
                Scalar("INSERT INTO BenchResults (BenchRunId, BenchCaseId, Passed) VALUES ($r, $c, $ok) RETURNING Id", ("$r", run), ("$c", caseRow), ("$ok", passed));
            }
        }
        tx.Commit();
    }

    private static string NewSlug() => $"zz-audit-{Guid.NewGuid():N}"[..20];

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_lead_audits_a_version_pair_decides_the_newly_failing_cases_signs_off_and_the_cadence_item_goes_away()
    {
        var slug = NewSlug();
        CreateProject(browser.App.DatabasePath, slug);
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, Lead);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/"));

        // The signal says the version went live unaudited and links to the audits.
        await page.GotoAsync($"/p/{slug}/signals?asOf={Today}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var cadence = page.GetByTestId("signal").Filter(new() { HasText = "without a bench audit" });
        await Assertions.Expect(cadence).ToContainTextAsync("Version v2 went live without a bench audit");
        await cadence.GetByTestId("signal-audit-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{slug}/bench/audits$"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        var transition = page.Locator("[data-testid=transition][data-version=v2]");
        await Assertions.Expect(transition.GetByTestId("transition-state")).ToHaveTextAsync("Overdue");
        await transition.GetByTestId("start-audit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("base-run")).ToHaveValueAsync("run-v1");
        await Assertions.Expect(page.GetByTestId("head-run")).ToHaveValueAsync("run-v2");
        await page.GetByTestId("open-audit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{slug}/bench/audits/\\d+$"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // The statistics and the sentence; inputs are text, never markup.
        await Assertions.Expect(page.GetByTestId("audit-status")).ToHaveTextAsync("Open");
        await Assertions.Expect(page.GetByTestId("audit-figures")).ToContainTextAsync("75.0 %");
        await Assertions.Expect(page.GetByTestId("audit-delta")).ToContainTextAsync("−25.0 pp");
        await Assertions.Expect(page.GetByTestId("audit-sentence")).ToContainTextAsync("On the 4 cases both runs ran");
        var failing = page.GetByTestId("cases-newly_failing");
        await Assertions.Expect(failing.GetByTestId("case-row")).ToHaveCountAsync(2);
        await Assertions.Expect(failing.Locator("[data-case=refund-lost]").GetByTestId("case-input")).ToHaveTextAsync(HostileInput);
        Assert.Equal(0, await page.Locator("[data-testid=case-input] b, [data-testid=case-input] script").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned"));
        await Assertions.Expect(page.GetByTestId("cases-newly_passing").GetByTestId("case-row")).ToHaveCountAsync(1);

        // Sign-off waits for the newly failing cases, and says so plainly.
        await page.GetByTestId("sign-off").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-message")).ToContainTextAsync("2 newly failing cases still need a decision before sign-off: refund-lost, tone-angry.");

        // One case by keyboard: tick it with Space, pick the decision, write why, press the button with Enter.
        var tick = failing.Locator("[data-case=refund-lost]").GetByTestId("case-select");
        await tick.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByTestId("selected-count")).ToContainTextAsync("1 case selected.");
        await page.GetByTestId("decision").SelectOptionAsync("Investigate");
        await page.GetByTestId("rationale").FillAsync("Refunds regressed with the new prompt; open a ticket.");
        await page.GetByTestId("apply-decision").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("audit-message")).ToContainTextAsync("Investigate regression: recorded for 1 case.");
        await Assertions.Expect(failing.Locator("[data-case=refund-lost]").GetByTestId("case-decision")).ToContainTextAsync("Refunds regressed");

        // The rest in bulk, and the newly passing case retired.
        await page.GetByTestId("select-all-newly_failing").ClickAsync();
        await page.GetByTestId("select-all-newly_passing").ClickAsync();
        await Assertions.Expect(page.GetByTestId("selected-count")).ToContainTextAsync("3 cases selected.");
        await failing.Locator("[data-case=refund-lost]").GetByTestId("case-select").UncheckAsync();
        await page.GetByTestId("decision").SelectOptionAsync("FixBench");
        await page.GetByTestId("rationale").FillAsync("The rubric asks for the wrong tone; fix the case.");
        await page.GetByTestId("apply-decision").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-message")).ToContainTextAsync("Fix the bench: recorded for 2 cases.");
        await Assertions.Expect(page.GetByTestId("signoff-hint")).ToContainTextAsync("Every newly failing case has a decision");

        await page.GetByTestId("sign-off").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-status")).ToHaveTextAsync("Signed off");
        await Assertions.Expect(page.GetByTestId("signed-off-by")).ToContainTextAsync(Lead);
        await Assertions.Expect(page.GetByTestId("decide-form")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("case-select")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "upgrade-audit-signed-off");

        // The cadence item is gone, and the list says done.
        await page.GotoAsync($"/p/{slug}/signals?asOf={Today}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("signal").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("signal").Filter(new() { HasText = "without a bench audit" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/p/{slug}/bench/audits");
        await Assertions.Expect(page.Locator("[data-testid=transition][data-version=v2]").GetByTestId("transition-state")).ToHaveTextAsync("Done");
        await BrowserFixture.ScreenshotAsync(page, "upgrade-audits-list");
    }

    [Fact]
    public async Task An_auditor_reads_an_audit_on_a_phone_in_dark_mode_without_controls()
    {
        var slug = NewSlug();
        CreateProject(browser.App.DatabasePath, slug);
        var lead = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(lead, Lead);
        await Assertions.Expect(lead).ToHaveURLAsync(new Regex("/p/"));
        await lead.GotoAsync($"/p/{slug}/bench/audits");
        await BrowserFixture.WaitForInteractiveAsync(lead);
        await lead.Locator("[data-testid=transition][data-version=v2]").GetByTestId("start-audit").ClickAsync();
        await lead.GetByTestId("open-audit").ClickAsync();
        await Assertions.Expect(lead).ToHaveURLAsync(new Regex($"/p/{slug}/bench/audits/\\d+$"));
        var auditUrl = new Uri(lead.Url).AbsolutePath;

        var page = await browser.NewPageAsync(width: 390, dark: true);
        await SignInAndTrendsTests.SignInAsync(page, Auditor);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/"));
        await page.GotoAsync(auditUrl);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("audit-sentence")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("cases-newly_failing").GetByTestId("case-row")).ToHaveCountAsync(2);
        Assert.Equal(0, await page.GetByTestId("decide-form").CountAsync() + await page.GetByTestId("sign-off").CountAsync()
                        + await page.GetByTestId("case-select").CountAsync());
        // The page never scrolls sideways at 390 px, and each case is a card: its decision is on screen, not in a column
        // to scroll to.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
        var decision = await page.GetByTestId("cases-newly_failing").GetByTestId("case-decision").First.BoundingBoxAsync();
        Assert.True(decision is { X: >= 0 } && decision.X + decision.Width <= 390, $"the first case's decision is off screen at 390 px ({decision?.X} + {decision?.Width})");
        await BrowserFixture.ScreenshotAsync(page, "upgrade-audit-auditor-390-dark");

        await page.GotoAsync($"/p/{slug}/bench/audits");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("transitions")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("start-form").CountAsync() + await page.GetByTestId("start-audit").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the list scrolls sideways at 390 px");
        await BrowserFixture.ScreenshotAsync(page, "upgrade-audits-auditor-390-dark");
    }
}
