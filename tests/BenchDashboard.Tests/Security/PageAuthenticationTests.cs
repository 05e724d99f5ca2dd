using System.Net;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Security;

/// <summary>
/// Issue 12, finding 1: pages accept the sign-in cookie only. An API key (even one with every scope) authenticates
/// API calls and nothing else: pages check roles, not a key's scopes or project limit.
/// </summary>
public abstract class PageAuthenticationTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : PageAuthenticationTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : PageAuthenticationTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    [Theory]
    [InlineData("/p/{slug}/trends")]
    [InlineData("/p/{slug}/signals")]
    [InlineData("/p/{slug}/settings")]
    [InlineData("/p/{slug}/sampling/1/export.csv")]
    [InlineData("/admin")]
    [InlineData("/")]
    public async Task A_bearer_key_on_a_page_is_ignored_and_the_visitor_is_sent_to_sign_in(string path)
    {
        var slug = await client.NewProjectAsync();
        using var keyed = app.CreateApiClient(AppFactory.BootstrapKey);

        using var page = await keyed.GetAsync(path.Replace("{slug}", slug));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);
        // The same key still works where it belongs.
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync($"/api/v1/projects/{slug}/trends")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_cookie_still_opens_pages()
    {
        var slug = await client.NewProjectAsync();
        using var browser = app.CreateBrowserClient();
        await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/p/{slug}/trends")).StatusCode);
    }
}
