using System.Net;
using System.Text.RegularExpressions;
using BenchDashboard.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>The whole app on a real database of its own (one per test class: a SQLite file, or a PostgreSQL database
/// with <see cref="PostgresAppFactory"/>), demo data off, with a bootstrap admin and API key as API.md describes.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "correct horse battery staple";
    public const string BootstrapKey = "test-bootstrap-key-0123456789abcdefghijklmnop";

    private readonly Lazy<TestDatabase> database;

    public AppFactory() : this(DatabaseProvider.Sqlite) { }

    /// <summary>For the flavours on another provider (<see cref="PostgresAppFactory"/>).</summary>
    protected AppFactory(DatabaseProvider provider) =>
        database = new(() => TestDatabase.Create(provider, prefix: GetType().Name));

    /// <summary>The app's database, with the app started first: the start migrates it, so a test that reaches for the
    /// database before its first request still finds the schema (a test ordered first once failed "no such table").</summary>
    public TestDatabase Database
    {
        get
        {
            _ = Services;
            return database.Value;
        }
    }

    /// <summary>The database without starting the app: for factories that prepare the file the app will open, and tests
    /// that look at it before the start.</summary>
    public TestDatabase DatabaseBeforeStart => database.Value;

    /// <summary>Extra settings a test class needs, applied after the defaults.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(DatabaseSettings.ProviderKey, DatabaseBeforeStart.ProviderSetting);
        builder.UseSetting(DatabaseSettings.ConnectionStringKey, DatabaseBeforeStart.ConnectionString);
        builder.UseSetting("BenchDashboard:Demo", "false");
        builder.UseSetting("BenchDashboard:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("BenchDashboard:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("BenchDashboard:Bootstrap:ApiKey", BootstrapKey);
        // Alerting rounds run from tests that ask for them, not on a timer in the background.
        builder.UseSetting("BenchDashboard:Alerting:IntervalSeconds", "0");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient CreateApiClient(string? key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (key is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    /// <summary>Posts the static sign-in form the way a browser does (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = AntiforgeryToken(await client.GetStringAsync("/account/login"));
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/account/login", form);
    }

    /// <summary>The antiforgery token a rendered form carries, as a browser would post it back.</summary>
    public static string AntiforgeryToken(string html)
    {
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the page carries an antiforgery token");
        return WebUtility.HtmlDecode(token);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && database.IsValueCreated) database.Value.Dispose();
    }
}
