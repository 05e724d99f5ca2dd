using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// Issue 16 in Chromium: an auditor signs in, lands on Reports, issues the last quarter's report, downloads it, and the
/// Verify page names it while a copy with one byte changed is refused; a bad custom range is refused in words; a reviewer
/// reaches none of it. Light, dark and phone width without sideways scrolling.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ReportsBrowserTests(BrowserFixture browser)
{
    private const string Auditor = "auditor@demo.local", Reviewer = "reviewer@demo.local", Lead = "lead@demo.local";
    private static readonly string Reports = $"/p/{DemoStory.ProjectSlug}/reports";

    private static Task<int> SidewaysAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    private static async Task<byte[]> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        return await File.ReadAllBytesAsync((await download.PathAsync())!);
    }

    private static async Task UploadAsync(IPage page, string name, byte[] pdf) =>
        await page.GetByTestId("verify-file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/pdf", Buffer = pdf });

    [Fact]
    public async Task An_auditor_lands_on_reports_issues_the_quarter_downloads_it_and_verifies_it_while_a_changed_copy_fails()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, Auditor);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(Reports)}$"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // The last complete quarter is offered first.
        var period = page.GetByTestId("period");
        var quarter = await period.InputValueAsync();
        Assert.Matches(@"^\d{4}-Q[1-4]$", quarter);
        await page.GetByTestId("issue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("issued")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var reportId = (await page.GetByTestId("issued-id").TextContentAsync())!.Trim();
        var row = page.GetByTestId("report-row").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = reportId }) });
        await Assertions.Expect(row).ToContainTextAsync("by auditor@demo.local");
        var listedSha = (await row.GetByTestId("report-sha").TextContentAsync())!.Trim();
        await BrowserFixture.ScreenshotAsync(page, "reports/issued");

        // The download is the archived file: its hash is the one listed.
        var pdf = await DownloadAsync(page, row.GetByTestId("report-download"));
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Assert.Equal(listedSha, Convert.ToHexStringLower(SHA256.HashData(pdf)));

        await page.GetByTestId("verify-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/reports/verify$"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await UploadAsync(page, "report.pdf", pdf);
        await Assertions.Expect(page.GetByTestId("verified")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("verified-id")).ToHaveTextAsync(reportId);
        await Assertions.Expect(page.GetByTestId("verified-project")).ToHaveTextAsync("Support assistant");
        await BrowserFixture.ScreenshotAsync(page, "reports/verified");

        var changed = pdf.ToArray();
        changed[changed.Length / 2] ^= 0x01;
        await UploadAsync(page, "<b>changed</b>.pdf", changed);
        await Assertions.Expect(page.GetByTestId("not-verified")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("not-verified")).ToContainTextAsync("“<b>changed</b>.pdf” is not an unchanged report");
        await Assertions.Expect(page.GetByTestId("verify-sha")).ToHaveTextAsync(Convert.ToHexStringLower(SHA256.HashData(changed)));
        await BrowserFixture.ScreenshotAsync(page, "reports/not-verified");
    }

    [Fact]
    public async Task A_custom_range_the_wrong_way_round_is_refused_in_words_and_nothing_is_issued()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, Lead);
        await page.GotoAsync(Reports);
        await BrowserFixture.WaitForInteractiveAsync(page);
        var before = await page.GetByTestId("report-row").CountAsync();
        await page.GetByTestId("period").SelectOptionAsync("custom");
        await page.GetByTestId("from").FillAsync("2026-09-30");
        await page.GetByTestId("to").FillAsync("2026-07-01");
        await page.GetByTestId("issue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("issue-problem")).ToContainTextAsync("The last day (2026-07-01) is before the first (2026-09-30).");
        await Assertions.Expect(page.GetByTestId("issued")).ToHaveCountAsync(0);
        Assert.Equal(before, await page.GetByTestId("report-row").CountAsync());
    }

    [Fact]
    public async Task A_reviewer_reaches_neither_reports_nor_verification_nor_a_download()
    {
        var page = await browser.NewPageAsync();
        await SignInAndTrendsTests.SignInAsync(page, Reviewer);
        foreach (var path in new[] { Reports, $"{Reports}/verify" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("issue-form")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("verify-file")).ToHaveCountAsync(0);
        }
        var download = await page.APIRequest.GetAsync($"{Reports}/R20260101-ABCDEF.pdf", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, download.Status);
        Assert.NotEqual("application/pdf", download.Headers.GetValueOrDefault("content-type"));
    }

    public static TheoryData<string> Modes => new() { "light", "dark", "phone" };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_reports_pages_render_in_each_mode_without_sideways_scrolling(string mode)
    {
        var page = await browser.NewPageAsync(mode == "phone" ? 390 : 1400, dark: mode == "dark");
        await SignInAndTrendsTests.SignInAsync(page, Auditor);
        await page.GotoAsync(Reports);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("issue-form")).ToBeVisibleAsync();
        Assert.True(await SidewaysAsync(page) == 0, $"the reports page scrolls sideways in {mode} mode");
        await BrowserFixture.ScreenshotAsync(page, $"reports/reports-{mode}");
        await page.GotoAsync($"{Reports}/verify");
        await BrowserFixture.WaitForInteractiveAsync(page);
        Assert.True(await SidewaysAsync(page) == 0, $"the verify page scrolls sideways in {mode} mode");
        await BrowserFixture.ScreenshotAsync(page, $"reports/verify-{mode}");
    }
}
