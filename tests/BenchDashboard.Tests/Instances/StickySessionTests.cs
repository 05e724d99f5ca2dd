using System.Net;
using System.Text.Json;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Instances;

/// <summary>
/// What a proxy in front of several instances must do (docs/deploy.md, "Several instances"). The sign-in cookie is
/// valid on every instance, because the keys that sign it are in the shared database; a live page (Blazor Server
/// circuit) is not: its connection lives in the memory of the instance that opened it, so the proxy must send every
/// request of a connection to that instance (sticky sessions).
/// </summary>
[Trait("Category", "Process")]
[Collection(TwoInstancesCollection.Name)]
public sealed class StickySessionTests(TwoInstances fixture)
{
    [Fact]
    public async Task Signed_in_on_one_instance_a_user_continues_on_the_other_with_the_same_cookie()
    {
        var apps = fixture.Apps;
        var cookie = await SignInAsync(apps[0].BaseUrl);

        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = apps[1].BaseUrl };
        // Without the cookie the other instance sends the browser to the sign-in page: what the cookie changes is real.
        var anonymous = await other.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);

        // A page that only an admin may open (pages accept the cookie and nothing else).
        var page = await other.SendAsync(WithCookie(HttpMethod.Get, "/admin", cookie));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(AppFactory.AdminEmail, await page.Content.ReadAsStringAsync());

        // And the API with the same cookie, no key.
        var api = await other.SendAsync(WithCookie(HttpMethod.Get, "/api/v1/audit-log/verify", cookie));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.True(JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_live_page_connection_exists_only_on_the_instance_that_opened_it_so_the_proxy_must_be_sticky()
    {
        var apps = fixture.Apps;
        var cookie = await SignInAsync(apps[0].BaseUrl);
        using var a = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = apps[0].BaseUrl };
        using var b = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = apps[1].BaseUrl };

        // The browser's first step of a live page: negotiate a connection with instance A.
        var negotiate = await a.SendAsync(WithCookie(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1", cookie));
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        var token = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString()!;
        var connection = $"/_blazor?id={Uri.EscapeDataString(token)}";

        // A proxy that is not sticky sends the next request of that connection to B, which has never heard of it.
        var elsewhere = await b.SendAsync(WithCookie(HttpMethod.Get, connection, cookie));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);

        // A sticky proxy sends it to A, which carries the connection on (its first long poll answers at once).
        var sticky = await a.SendAsync(WithCookie(HttpMethod.Get, connection, cookie));
        Assert.Equal(HttpStatusCode.OK, sticky.StatusCode);
        await a.SendAsync(WithCookie(HttpMethod.Delete, connection, cookie));
    }

    [Fact]
    public async Task A_cookie_outlives_the_instance_that_issued_it_when_one_is_stopped_and_the_other_killed()
    {
        var apps = fixture.Apps;
        var cookie = await SignInAsync(apps[0].BaseUrl);

        await apps.StopAsync(0); // a rolling restart
        Assert.False(apps[0].IsRunning);
        Assert.Equal(HttpStatusCode.OK, await AdminPageAsync(apps[1].BaseUrl, cookie));

        await apps.KillAsync(1); // a lost node, while the first comes back
        await apps.StartAsync(0);
        Assert.Equal(HttpStatusCode.OK, await AdminPageAsync(apps[0].BaseUrl, cookie));
        await apps.StartAsync(1);
        Assert.Equal(HttpStatusCode.OK, await AdminPageAsync(apps[1].BaseUrl, cookie));
    }

    private static async Task<HttpStatusCode> AdminPageAsync(Uri instance, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = instance };
        return (await http.SendAsync(WithCookie(HttpMethod.Get, "/admin", cookie))).StatusCode;
    }

    /// <summary>Signs the bootstrap admin in on one instance, as a browser does, and returns the cookies it was given.</summary>
    private static async Task<string> SignInAsync(Uri instance)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = instance };
        var response = await AppFactory.SignInAsync(http, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/account/login", response.Headers.Location?.OriginalString ?? "");
        return cookies.GetCookieHeader(instance);
    }

    private static HttpRequestMessage WithCookie(HttpMethod method, string path, string cookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return request;
    }
}
