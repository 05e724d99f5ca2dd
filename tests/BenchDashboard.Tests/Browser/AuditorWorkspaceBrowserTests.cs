using System.Globalization;
using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using CsvHelper;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// The auditor's workspace in Chromium: an auditor lands on Reports, reads the audit log, filters it by action and date,
/// exports the filtered events as CSV (a hostile sign-in name stays literal, formula cells are guarded), verifies the chain
/// and sees its head; reads a closed demo round and downloads its export, while an open round stays closed to them; a
/// reviewer reaches none of it. Nothing here changes the demo's data: the hostile event is a failed sign-in, the open round
/// lives in a project of its own (named to sort after the demo).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class AuditorWorkspaceBrowserTests(BrowserFixture browser)
{
    private const string Auditor = "auditor@demo.local", Reviewer = "reviewer@demo.local", Lead = "lead@demo.local";
    private const int PhoneWidth = 390;

    private async Task<IPage> SignedInAsync(string email, int width = 1400, bool dark = false)
    {
        var page = await browser.NewPageAsync(width, dark);
        await SignInAndTrendsTests.SignInAsync(page, email);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/p/"));
        return page;
    }

    private static ILocator NavLink(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");

    private static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The CSV file as rows of named cells (CsvHelper: quoting, doubled quotes and line breaks inside cells).</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(header.Select((h, i) => (h, i)).ToDictionary(c => c.h, c => csv.GetField(c.i)!));
        return rows;
    }

    [Fact]
    public async Task An_auditor_lands_on_reports_filters_the_audit_log_exports_it_as_csv_and_verifies_the_chain()
    {
        // Anyone may type anything as an email on the sign-in page, and a failed sign-in is audited under that name.
        var hostile = $"=HYPERLINK(\"http://evil.test\")<img src=x onerror=\"window.__pwned=1\"><b>{Guid.NewGuid():N}</b>@evil.test";
        var stranger = await browser.NewPageAsync();
        await stranger.GotoAsync("/account/login");
        await stranger.GetByLabel("Email").FillAsync(hostile);
        await stranger.GetByLabel("Password").FillAsync("not the password");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(stranger.GetByTestId("login-error")).ToBeVisibleAsync();

        var page = await SignedInAsync(Auditor);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{DemoStory.ProjectSlug}/reports$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await NavLink(page, "Audit log").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/audit-log$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("event").First).ToBeVisibleAsync();

        // Failed sign-ins from yesterday to tomorrow (UTC): the filter goes into the address.
        var today = DateTime.UtcNow;
        await page.GetByTestId("filter-action").SelectOptionAsync("auth.sign_in_failed");
        await page.GetByTestId("filter-from").FillAsync(Day(today.AddDays(-1)));
        await page.GetByTestId("filter-to").FillAsync(Day(today.AddDays(1)));
        await page.GetByTestId("filter-apply").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"action=auth.sign_in_failed&from={Day(today.AddDays(-1))}&to={Day(today.AddDays(1))}"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        var hostileRow = page.GetByTestId("event").Filter(new() { Has = page.GetByTestId("event-actor").GetByText(hostile, new() { Exact = true }) });
        await Assertions.Expect(hostileRow).ToHaveCountAsync(1);
        await Assertions.Expect(hostileRow.GetByTestId("event-subject")).ToHaveTextAsync("user:" + hostile);
        foreach (var action in await page.GetByTestId("event-action").AllTextContentsAsync()) Assert.Contains("auth.sign_in_failed", action);
        Assert.Equal(0, await page.Locator("[data-testid=events] img, [data-testid=events] b").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned"));
        await Assertions.Expect(page.GetByTestId("filter-action")).ToHaveValueAsync("auth.sign_in_failed");
        var sequence = await hostileRow.GetAttributeAsync("data-sequence");

        // The CSV holds the same events; the hostile name is literal, and guarded because it starts with '='.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var rows = ReadCsv(await download.PathAsync());
        Assert.Equal(await page.GetByTestId("event").CountAsync(), rows.Count);
        Assert.All(rows, r => Assert.Equal("auth.sign_in_failed", r["action"]));
        var row = Assert.Single(rows, r => r["sequence"] == sequence);
        Assert.Equal("'" + hostile, row["actor"]);
        Assert.Equal("user:" + hostile, row["subject"]);
        Assert.Equal("{\"lockedOut\":false}", row["payload"]);

        // A date that is no date is named in words, and nothing is shown until it is corrected.
        await page.GotoAsync("/audit-log?from=2026-02-30&to=2026-01-01");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("filter-problems")).ToContainTextAsync("The start date “2026-02-30” is not a date");
        await Assertions.Expect(page.GetByTestId("events")).ToHaveCountAsync(0);
        await page.GetByTestId("filter-from").FillAsync("2026-03-01");
        await page.GetByTestId("filter-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("filter-problems")).ToContainTextAsync("The start date 2026-03-01 is after the end date 2026-01-01");
        await page.GetByTestId("filter-clear").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/audit-log$"));
        await Assertions.Expect(page.GetByTestId("event").First).ToBeVisibleAsync();

        // Verify the chain: the result in words, and the head's sequence number and full hash.
        await page.GetByTestId("verify-chain").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chain-latest")).ToContainTextAsync("Intact:");
        await Assertions.Expect(page.GetByTestId("chain-latest")).ToContainTextAsync(Auditor);
        await Assertions.Expect(page.GetByTestId("chain-head-hash")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
        var head = long.Parse(await page.GetByTestId("chain-head-sequence").TextContentAsync() ?? "", CultureInfo.InvariantCulture);
        Assert.True(head >= long.Parse(sequence!, CultureInfo.InvariantCulture), $"head {head} is at or after the hostile event {sequence}");
        // The check itself is in the log.
        await page.GotoAsync("/audit-log?action=audit.chain_verified");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("event").First.GetByTestId("event-actor")).ToHaveTextAsync(Auditor);
    }

    public static TheoryData<string> Modes => new() { "light", "dark", "phone" };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_audit_log_renders_in_each_mode_without_sideways_scrolling(string mode)
    {
        var page = await SignedInAsync(Auditor, mode == "phone" ? PhoneWidth : 1400, dark: mode == "dark");
        await page.GotoAsync("/audit-log");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("event").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("export-csv")).ToBeVisibleAsync();
        Assert.True(await FitsAsync(page), $"the audit log scrolls sideways in {mode} mode");
        await BrowserFixture.ScreenshotAsync(page, $"audit-log/audit-log-{mode}");
    }

    [Fact]
    public async Task An_auditor_reads_a_closed_demo_round_without_controls_downloads_its_export_and_an_open_round_stays_closed_to_them()
    {
        var page = await SignedInAsync(Auditor);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await NavLink(page, "Sampling").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{DemoStory.ProjectSlug}/sampling$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("start-form").CountAsync() + await page.GetByTestId("failure-categories").CountAsync()
                        + await page.GetByTestId("preview").CountAsync());
        var closed = page.Locator("[data-testid=round-row][data-status=closed]");
        await Assertions.Expect(closed.First).ToBeVisibleAsync();
        await closed.First.GetByTestId("round-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{DemoStory.ProjectSlug}/sampling/\\d+$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("round-status")).ToHaveTextAsync("closed");
        await Assertions.Expect(page.GetByTestId("round-tiles")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("close-round").CountAsync() + await page.GetByTestId("accept-draft").CountAsync()
                        + await page.GetByTestId("reject-draft").CountAsync()
                        + await page.GetByRole(AriaRole.Button, new() { Name = "This one counts" }).CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "audit-log/closed-round-auditor");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var rows = ReadCsv(await download.PathAsync());
        Assert.NotEmpty(rows);
        var roundId = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        Assert.All(rows, r => Assert.Equal(roundId, r["roundId"]));

        // An open round of another project: listed with its progress, but not opened for the auditor.
        var slug = $"zz-open-{Guid.NewGuid():N}"[..16];
        var openRound = SamplingWorkflowTests.CreateProjectWithRound(browser.App.DatabasePath, slug, "Zz open round " + slug[^4..],
            [new("open-1", "Where is my parcel?", "On its way.", "shipping"), new("open-2", "Refund me", "Done.", "billing")]);
        await page.GotoAsync($"/p/{slug}/sampling");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var open = page.Locator("[data-testid=round-row][data-status=open]");
        await Assertions.Expect(open).ToHaveCountAsync(1);
        await Assertions.Expect(open.GetByTestId("round-link")).ToHaveCountAsync(0);
        await page.GotoAsync($"/p/{slug}/sampling/{openRound}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("round-still-open")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("round-tiles")).ToHaveCountAsync(0);
        var export = await page.Context.APIRequest.GetAsync($"/p/{slug}/sampling/{openRound}/export.csv");
        Assert.Equal(404, export.Status);
    }

    [Fact]
    public async Task A_reviewer_cannot_reach_the_audit_log_its_csv_or_the_auditors_pages_and_is_not_offered_them()
    {
        var page = await SignedInAsync(Reviewer);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(NavLink(page, "Review")).ToBeVisibleAsync();
        foreach (var name in new[] { "Audit log", "Reports", "Bench", "Rubrics", "Sampling" }) await Assertions.Expect(NavLink(page, name)).ToHaveCountAsync(0);

        foreach (var path in new[] { "/audit-log", $"/p/{DemoStory.ProjectSlug}/reports", $"/p/{DemoStory.ProjectSlug}/bench/audits",
                     $"/p/{DemoStory.ProjectSlug}/rubrics", $"/p/{DemoStory.ProjectSlug}/sampling" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        }
        await Assertions.Expect(page.GetByTestId("events")).ToHaveCountAsync(0);
        var csv = await page.Context.APIRequest.GetAsync("/audit-log/export.csv", new() { MaxRedirects = 0 });
        Assert.Equal(302, csv.Status);
        Assert.Contains("/account/access-denied", csv.Headers["location"]);

        // Leads run the practice but do not read the log (decision 0037): not offered, and refused.
        var lead = await SignedInAsync(Lead);
        await BrowserFixture.WaitForInteractiveAsync(lead);
        await Assertions.Expect(NavLink(lead, "Sampling")).ToBeVisibleAsync();
        await Assertions.Expect(NavLink(lead, "Audit log")).ToHaveCountAsync(0);
        await lead.GotoAsync("/audit-log");
        await Assertions.Expect(lead.GetByTestId("access-denied")).ToBeVisibleAsync();
    }
}
