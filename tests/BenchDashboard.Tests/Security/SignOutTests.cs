using System.Net;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Security;

/// <summary>Issue 12, finding 13: sign-out is a POST that carries the page's antiforgery token; another site cannot sign a user out.</summary>
public abstract class SignOutTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : SignOutTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : SignOutTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    [Fact]
    public async Task A_sign_out_without_the_pages_token_is_refused_and_the_session_stays()
    {
        var slug = await client.NewProjectAsync();
        using var browser = app.CreateBrowserClient();
        await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword);

        using var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Sign-out refused", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/p/{slug}/trends")).StatusCode);
    }

    [Fact]
    public async Task A_sign_out_from_the_page_with_its_token_ends_the_session()
    {
        var slug = await client.NewProjectAsync();
        using var browser = app.CreateBrowserClient();
        await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword);
        var token = AppFactory.AntiforgeryToken(await browser.GetStringAsync($"/p/{slug}/trends"));

        using var signedOut = await browser.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/account/login?signedOut=true", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/p/{slug}/trends")).StatusCode);
    }
}
