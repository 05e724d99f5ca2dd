using System.Net;
using BenchDashboard.Features.Account;
using BenchDashboard.Tests.Browser;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Security;

/// <summary>
/// Issue 12, finding 9: behind a TLS-terminating proxy the app sees plain HTTP. Forwarded headers from a configured
/// proxy make the sign-in cookie Secure, bring HSTS and give the sign-in throttle the client's own address; the same
/// headers from anyone else change nothing. The real app runs on Kestrel in Production, the proxy is this test.
/// </summary>
[Trait("Category", "Process")]
public class ReverseProxyTests
{
    private const string Email = "proxy-admin@example.com";
    private const string Password = "a long proxy passphrase";
    private const string PublicHost = "dashboard.example.com";

    private static RunningApp ProductionApp(string knownProxy) => new(demo: false, new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["BenchDashboard__Bootstrap__AdminEmail"] = Email,
        ["BenchDashboard__Bootstrap__AdminPassword"] = Password,
        ["BenchDashboard__Proxy__KnownProxies__0"] = knownProxy,
    });

    [Fact]
    public async Task Behind_a_configured_proxy_the_sign_in_cookie_is_secure_and_hsts_is_sent()
    {
        await using var app = ProductionApp(knownProxy: "127.0.0.1");
        await app.StartAsync();
        using var http = Client(app);

        var viaProxy = await SignInAsync(http, forwardedProto: "https", forwardedFor: "203.0.113.10");
        Assert.Equal(HttpStatusCode.Redirect, viaProxy.StatusCode);
        Assert.Contains("secure", AuthCookie(viaProxy), StringComparison.OrdinalIgnoreCase);
        Assert.True(viaProxy.Headers.Contains("Strict-Transport-Security"), "HSTS on an HTTPS request through the proxy");

        // The same proxy forwarding a plain-HTTP request: nothing pretends to be HTTPS.
        var plain = await SignInAsync(http, forwardedProto: "http", forwardedFor: "203.0.113.10");
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        Assert.DoesNotContain("secure", AuthCookie(plain), StringComparison.OrdinalIgnoreCase);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_configured_proxy_are_ignored()
    {
        await using var app = ProductionApp(knownProxy: "10.9.9.9");
        await app.StartAsync();
        using var http = Client(app);

        var spoofed = await SignInAsync(http, forwardedProto: "https", forwardedFor: "203.0.113.10");

        Assert.Equal(HttpStatusCode.Redirect, spoofed.StatusCode);
        Assert.DoesNotContain("secure", AuthCookie(spoofed), StringComparison.OrdinalIgnoreCase);
        Assert.False(spoofed.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_sign_in_throttle_counts_each_client_behind_the_proxy_on_its_own()
    {
        await using var app = ProductionApp(knownProxy: "127.0.0.1");
        await app.StartAsync();
        using var http = Client(app);

        for (var i = 0; i < SignInThrottle.MaxFailuresPerWindow; i++)
        {
            // An unknown account, so only the throttle (not the account's lockout) can stop the right password below.
            var failed = await SignInAsync(http, "https", "203.0.113.66", email: "nobody@example.com");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
        var guesser = await SignInAsync(http, "https", "203.0.113.66");
        var colleague = await SignInAsync(http, "https", "203.0.113.77");

        Assert.Equal(HttpStatusCode.TooManyRequests, guesser.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);
    }

    private static HttpClient Client(RunningApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseUrl };

    /// <summary>
    /// Posts the sign-in form as a browser behind the proxy would. Cookies are carried by hand: a cookie container would
    /// (rightly) not send a Secure cookie back over the proxy's plain-HTTP leg.
    /// </summary>
    private static async Task<HttpResponseMessage> SignInAsync(
        HttpClient http, string forwardedProto, string forwardedFor, string email = Email)
    {
        using var page = Request(HttpMethod.Get, forwardedProto, forwardedFor);
        using var form = await http.SendAsync(page);
        var antiforgery = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var token = AppFactory.AntiforgeryToken(await form.Content.ReadAsStringAsync());

        var post = Request(HttpMethod.Post, forwardedProto, forwardedFor);
        post.Headers.Add("Cookie", antiforgery);
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        });
        return await http.SendAsync(post);
    }

    private static HttpRequestMessage Request(HttpMethod method, string forwardedProto, string forwardedFor)
    {
        var request = new HttpRequestMessage(method, "/account/login");
        // HSTS is never sent for localhost; a proxy passes the public host name on.
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("BenchDashboard.Auth=", StringComparison.Ordinal));
}
