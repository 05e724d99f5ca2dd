using System.Net;
using System.Text.RegularExpressions;
using BenchDashboard.Features.Demo;
using BenchDashboard.Infrastructure;
using Microsoft.Playwright;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// Issue 12, finding 10: every answer of the real app on Kestrel (page, API error, static file, 404) carries the
/// security headers and no Server banner; the Content-Security-Policy admits this origin's scripts and the page's own
/// import map (by a per-request nonce), and the screens work under it in Chromium without a single violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SecurityHeadersTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/projects")]
    [InlineData("/app.css")]
    [InlineData("/no/such/page")]
    [InlineData("/healthz")]
    public async Task Every_answer_carries_the_security_headers_and_no_server_banner(string path)
    {
        using var http = new HttpClient { BaseAddress = browser.App.BaseUrl };

        using var response = await http.GetAsync(path);

        foreach (var (name, value) in SecurityHeaders.Fixed)
        {
            Assert.True(response.Headers.TryGetValues(name, out var values), $"{path} lacks {name}");
            Assert.Equal(value, Assert.Single(values));
        }
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.False(response.Headers.Contains("Server"), $"{path} names the server: {string.Join(", ", response.Headers.Server)}");
    }

    [Fact]
    public async Task Only_the_pages_own_import_map_carries_the_nonce_and_each_answer_has_a_new_one()
    {
        using var http = new HttpClient { BaseAddress = browser.App.BaseUrl };

        string[] nonces = new string[2];
        for (var i = 0; i < 2; i++)
        {
            using var response = await http.GetAsync("/account/login");
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            nonces[i] = Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
            var html = await response.Content.ReadAsStringAsync();
            var inline = Regex.Matches(html, "<script(?![^>]*\\ssrc=)[^>]*>");
            // The attribute as the browser reads it: Razor encodes '+' in the base64 nonce as &#x2B;.
            var importMap = WebUtility.HtmlDecode(Assert.Single(inline).Value);
            Assert.Contains("type=\"importmap\"", importMap);
            Assert.Contains($"nonce=\"{nonces[i]}\"", importMap);
        }
        Assert.NotEqual(nonces[0], nonces[1]);
    }

    [Fact]
    public async Task The_screens_run_under_the_policy_without_a_violation()
    {
        var page = await browser.NewPageAsync();
        await page.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        await SignInAndTrendsTests.SignInAsync(page, "admin@demo.local");
        foreach (var path in new[]
                 {
                     $"/p/{DemoStory.ProjectSlug}/trends", $"/p/{DemoStory.ProjectSlug}/signals", $"/p/{DemoStory.ProjectSlug}/sampling",
                     $"/p/{DemoStory.ProjectSlug}/import", $"/p/{DemoStory.ProjectSlug}/settings", "/admin",
                 })
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitForInteractiveAsync(page);
            if (path.EndsWith("/trends"))
            {
                // Plotly has drawn: its script ran and its generated styles applied.
                await BrowserFixture.WaitForChartAsync(page, async () =>
                    await page.GetByTestId("trends-chart").EvaluateAsync<int>("el => el.data ? el.data.length : 0") > 0);
                await Assertions.Expect(page.Locator("[data-testid=trends-chart] .main-svg").First).ToBeVisibleAsync();
            }
            var violations = await page.EvaluateAsync<string[]>("window.__cspViolations");
            Assert.True(violations.Length == 0, $"{path}: {string.Join("; ", violations)}");
        }
    }
}
