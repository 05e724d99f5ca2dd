using System.Net;
using System.Text;
using BenchDashboard.Domain;
using BenchDashboard.Features.Admin;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Security;

/// <summary>
/// Issue 12, finding 5: API keys were rate limited but a signed-in browser session was not, so a script in a tab could
/// call the computed endpoints without end. A session gets its own per-user limit on them (three a minute here).
/// </summary>
public class SessionRateLimitTests(SessionRateLimitTests.Factory app) : IClassFixture<SessionRateLimitTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("BenchDashboard:Api:SessionRequestsPerMinute", "3")];
    }

    [Fact]
    public async Task A_session_over_its_rate_on_the_computed_endpoints_gets_429_with_retry_after_and_its_other_calls_go_on()
    {
        var api = app.CreateApiClient(AppFactory.BootstrapKey);
        using var created = await api.PutAsync("/api/v1/projects/limited", new StringContent("""{"name":"Limited"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var browser = app.CreateBrowserClient();
        using var signedIn = await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        foreach (var path in new[] { "trends", "signals", "trends" })
        {
            using var allowed = await browser.GetAsync($"/api/v1/projects/limited/{path}");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var limited = await browser.GetAsync("/api/v1/projects/limited/signals");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Contains("A signed-in user may make 3 requests", await IngestionClient.ErrorsAsync(limited));
        // A cheap call of the same session, and the same endpoint with a key, are not held back.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/projects/limited/signals")).StatusCode);
    }

    [Fact]
    public async Task Bench_exports_count_against_the_same_session_limit_on_the_page_route_and_the_api()
    {
        var api = app.CreateApiClient(AppFactory.BootstrapKey);
        using var created = await api.PutAsync("/api/v1/projects/exported", new StringContent("""{"name":"Exported"}""", Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode);
        // A user of its own: the limit's window is per user, and the other test spends the admin's.
        var result = await app.Services.GetRequiredService<UserAdminService>()
            .CreateAsync("exporter@test.local", null, "exporter password 123", [Roles.Lead], AppFactory.AdminEmail);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        using var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SignInAsync(browser, "exporter@test.local", "exporter password 123")).StatusCode);

        foreach (var path in new[] { "/p/exported/bench/cases/export?format=jsonl", "/api/v1/projects/exported/bench-cases/export?format=promptfoo",
                     "/api/v1/projects/exported/bench-cases" })
        {
            using var allowed = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var limited = await browser.GetAsync("/p/exported/bench/cases/export?format=promptfoo");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_audit_log_csv_counts_against_the_session_limit()
    {
        var result = await app.Services.GetRequiredService<UserAdminService>()
            .CreateAsync("csv-auditor@test.local", null, "auditor password 123", [Roles.Auditor], AppFactory.AdminEmail);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        using var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SignInAsync(browser, "csv-auditor@test.local", "auditor password 123")).StatusCode);

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await browser.GetAsync("/audit-log/export.csv");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var limited = await browser.GetAsync("/audit-log/export.csv?action=auth.sign_in");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
    }
}
