using BenchDashboard.Tests.Features.Bench;
using System.Globalization;
using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// The Bench page in Chromium: a lead retires a case on its page and later runs leave it out of their pass rate, with the
/// reason in the audit log; an auditor reads everything and changes nothing; a reviewer is refused. Changes happen in
/// projects of their own (named to sort after the demo), so the demo's signals other tests check stay as they are.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class BenchPageTests(BrowserFixture browser)
{
    private const string Lead = "lead@demo.local", Auditor = "auditor@demo.local", Reviewer = "reviewer@demo.local";
    private const int PhoneWidth = 390;

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={browser.App.DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction tx, string sql, params (string Name, object Value)[] args)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (n, v) in args) command.Parameters.AddWithValue(n, v);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    // EF's SQLite format: stored times compare as text, so raw rows must be written the same way.
    private static string Stored(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>A project of three cases (one fails) and one run of them two hours ago.</summary>
    private long CreateProject(string slug)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        var before = DateTime.UtcNow.AddHours(-2);
        var projectId = Scalar(connection, tx, "INSERT INTO Projects (Slug, Name, IsDemo, CreatedAt) VALUES ($s, $s, 0, $t) RETURNING Id", ("$s", slug), ("$t", Stored(before)));
        var version = Scalar(connection, tx, "INSERT INTO PipelineVersions (ProjectId, Version, DeployedAt, Model) VALUES ($p, 'v1', $t, 'm') RETURNING Id",
            ("$p", projectId), ("$t", Stored(before.AddDays(-1))));
        foreach (var (id, input) in new[] { ("case-flaky", "Cancel my <b>subscription</b> & refund"), ("case-ok-1", "Where is my parcel?"), ("case-ok-2", "Change my address") })
        {
            Scalar(connection, tx, "INSERT INTO BenchCases (ProjectId, ExternalId, Input, Category, Status, Source, CreatedAt, FirstSeenAt) VALUES ($p, $id, $in, 'billing', 'Active', 'Imported', $t, $t) RETURNING Id",
                ("$p", projectId), ("$id", id), ("$in", input), ("$t", Stored(before)));
        }
        tx.Commit();
        AddRun(projectId, version, "run-before", before);
        return projectId;
    }

    /// <summary>A run in which case-flaky fails and the two others pass (raw rows bump the project's data version).</summary>
    private void AddRun(long projectId, long version, string runId, DateTime startedAt)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        var run = Scalar(connection, tx, "INSERT INTO BenchRuns (ProjectId, RunId, PipelineVersionId, StartedAt) VALUES ($p, $r, $v, $t) RETURNING Id",
            ("$p", projectId), ("$r", runId), ("$v", version), ("$t", Stored(startedAt)));
        Scalar(connection, tx, """
            INSERT INTO BenchResults (BenchRunId, BenchCaseId, Passed) SELECT $run, Id, ExternalId <> 'case-flaky' FROM BenchCases WHERE ProjectId = $p;
            UPDATE Projects SET DataVersion = DataVersion + 1 WHERE Id = $p; SELECT 0
            """, ("$run", run), ("$p", projectId));
        tx.Commit();
    }

    private long VersionOf(long projectId)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        return Scalar(connection, tx, "SELECT Id FROM PipelineVersions WHERE ProjectId = $p", ("$p", projectId));
    }

    private async Task<IPage> SignedInAsync(string email, int width = 1400, bool dark = false)
    {
        var page = await browser.NewPageAsync(width, dark);
        await SignInAndTrendsTests.SignInAsync(page, email);
        return page;
    }

    private static ILocator RunRow(IPage page, string runId) =>
        page.GetByTestId("runs-grid").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("run-id").GetByText(runId, new() { Exact = true }) });

    [Fact]
    public async Task A_retired_case_leaves_the_pass_rate_of_the_runs_after_its_retirement_and_the_audit_log_has_the_reason()
    {
        const string slug = "zz-bench-retire";
        var projectId = CreateProject(slug);
        var page = await SignedInAsync(Lead);

        await page.GotoAsync($"/p/{slug}/bench?view=runs");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(RunRow(page, "run-before").GetByTestId("run-pass-rate")).ToContainTextAsync("66.7 %");

        await page.GotoAsync($"/p/{slug}/bench");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("cases-grid").GetByRole(AriaRole.Link, new() { Name = "case-flaky" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{slug}/bench/cases/case-flaky$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        // The input is shown as text: its markup is not interpreted.
        await Assertions.Expect(page.GetByTestId("case-input")).ToContainTextAsync("Cancel my <b>subscription</b> & refund");
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("active");

        // No reason, no retirement.
        await page.GetByTestId("retire-case").ClickAsync();
        await Assertions.Expect(page.GetByTestId("retire-problem")).ToContainTextAsync("Say why");
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("active");

        await page.GetByTestId("retire-reason").FillAsync("Flaky since v1: it tells us nothing about the model.");
        await page.GetByTestId("retire-case").ClickAsync();
        await Assertions.Expect(page.GetByTestId("retire-message")).ToContainTextAsync("Retired.");
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("retired");
        await Assertions.Expect(page.GetByTestId("case-history")).ToContainTextAsync("Flaky since v1: it tells us nothing about the model.");
        await Assertions.Expect(page.GetByTestId("reactivate-case")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "bench/case-retired");

        // The runner runs the case once more after its retirement: that run's pass rate leaves it out, the earlier one keeps it.
        AddRun(projectId, VersionOf(projectId), "run-after", DateTime.UtcNow.AddSeconds(1));
        await page.GotoAsync($"/p/{slug}/bench?view=runs");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var after = RunRow(page, "run-after");
        await Assertions.Expect(after.GetByTestId("run-pass-rate")).ToContainTextAsync("100.0 %");
        await Assertions.Expect(after.GetByTestId("run-cases")).ToContainTextAsync("2 of 2 passed · 1 retired, not counted");
        await Assertions.Expect(RunRow(page, "run-before").GetByTestId("run-pass-rate")).ToContainTextAsync("66.7 %");

        using var connection = Open();
        using var tx = connection.BeginTransaction();
        Assert.Equal(1, Scalar(connection, tx, """
            SELECT COUNT(*) FROM AuditEvents WHERE Action = 'bench_case.retired' AND Subject = 'bench-case:case-flaky' AND Actor = $a
            AND PayloadJson LIKE '%Flaky since v1%' AND PayloadJson LIKE '%"projectId":' || $p || ',%'
            """, ("$a", Lead), ("$p", projectId)));
    }

    [Fact]
    public async Task An_auditor_reads_the_bench_and_a_case_without_any_control_to_change_it()
    {
        var page = await SignedInAsync(Auditor);
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/bench");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("cases-summary")).ToContainTextAsync("the last 10 runs that included each case");
        await page.GetByTestId("case-link").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/bench/cases/"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("case-results")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("retire-form")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retire case" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_auditor_downloads_the_active_cases_as_a_promptfoo_file_that_parses_as_yaml_and_as_jsonl()
    {
        var page = await SignedInAsync(Auditor);
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/bench");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("bench-export-scope")).ToContainTextAsync("active");

        var yaml = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-promptfoo").ClickAsync());
        Assert.EndsWith(".yaml", yaml.SuggestedFilename);
        var tests = PromptfooTestsFile.Parse(await File.ReadAllTextAsync(await yaml.PathAsync()));
        Assert.NotEmpty(tests);
        Assert.All(tests, test => Assert.False(string.IsNullOrEmpty(test.CaseId)));

        // The JSONL download holds the same cases, one object a line.
        var jsonl = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-jsonl").ClickAsync());
        var lines = (await File.ReadAllLinesAsync(await jsonl.PathAsync())).Where(line => line.Length > 0).ToList();
        Assert.Equal(tests.Select(t => t.CaseId).Order(StringComparer.Ordinal),
            lines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("caseId").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_reviewer_is_refused_the_bench_and_is_not_offered_it()
    {
        var page = await SignedInAsync(Reviewer);
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/bench");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("cases-grid")).ToHaveCountAsync(0);
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/bench/cases/anything");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/review");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Bench", Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Filters_live_in_the_address_and_two_runs_compare_case_by_case()
    {
        var page = await SignedInAsync(Lead);
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/bench");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("status-filter").GetByRole(AriaRole.Button, new() { Name = "all" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=all"));
        await page.GetByTestId("text-filter").FillAsync("zz no case asks this");
        await page.GetByTestId("text-filter").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=zz"));
        await Assertions.Expect(page.GetByTestId("cases-none-match")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("cases-none-match")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("text-filter")).ToHaveValueAsync("zz no case asks this");
        await page.GetByTestId("cases-none-match").GetByRole(AriaRole.Link, new() { Name = "Clear the filters" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("cases-grid")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{DemoStory.ProjectSlug}/bench$"));

        // Paging through the 300 demo cases.
        await Assertions.Expect(page.GetByTestId("cases-page")).ToContainTextAsync("Page 1 of");
        await page.GetByTestId("cases-next").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("page=2"));
        await Assertions.Expect(page.GetByTestId("cases-page")).ToContainTextAsync("Page 2 of");

        // The newest run against the one before it, by default.
        await page.GetByTestId("bench-view").GetByRole(AriaRole.Button, new() { Name = "Runs" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("view=runs"));
        await page.GetByTestId("compare-go").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/bench/compare\\?base=.+&head=.+"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("compare-tiles")).ToContainTextAsync("McNemar");
        await Assertions.Expect(page.GetByTestId("compare-still-failing")).ToContainTextAsync("Still failing");
    }

    public static TheoryData<string> Modes => new() { "light", "dark", "phone" };

    /// <summary>The four Bench screens in light, dark and at phone width, where none may scroll sideways.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_bench_screens_render_in_each_mode_without_sideways_scrolling(string mode)
    {
        var page = await SignedInAsync(Lead, mode == "phone" ? PhoneWidth : 1400, dark: mode == "dark");
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/bench");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var firstCase = await page.GetByTestId("case-link").First.GetAttributeAsync("href");
        var screens = new (string Name, string Path)[]
        {
            ("cases", $"/p/{DemoStory.ProjectSlug}/bench"),
            ("runs", $"/p/{DemoStory.ProjectSlug}/bench?view=runs"),
            ("case", firstCase!),
        };
        foreach (var (name, path) in screens)
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("loading")).ToHaveCountAsync(0);
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0,
                $"{name} scrolls sideways in {mode} mode");
            await BrowserFixture.ScreenshotAsync(page, $"bench/{name}-{mode}");
        }
        await page.GotoAsync($"/p/{DemoStory.ProjectSlug}/bench?view=runs");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("compare-go").ClickAsync();
        await Assertions.Expect(page.GetByTestId("compare-tiles")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0,
            $"compare scrolls sideways in {mode} mode");
        await BrowserFixture.ScreenshotAsync(page, $"bench/compare-{mode}");
    }
}
