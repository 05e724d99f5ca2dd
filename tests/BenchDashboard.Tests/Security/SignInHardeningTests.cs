using System.Net;
using System.Text.RegularExpressions;
using BenchDashboard.Data;
using BenchDashboard.Features.Account;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Security;

/// <summary>
/// Issue 12, findings 3 and 8: the sign-in form bounds what it accepts before anything is written, answers every
/// failure alike, and stops a client that keeps failing.
/// </summary>
public abstract class SignInHardeningTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : SignInHardeningTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : SignInHardeningTests(app), IClassFixture<PostgresAppFactory>;

    private long AuditRows()
    {
        using var connection = app.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "AuditEvents" """;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static string ErrorText(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "data-testid=\"login-error\"[^>]*>([^<]*)<").Groups[1].Value);

    [Fact]
    public async Task A_huge_email_is_refused_at_the_form_and_nothing_reaches_the_audit_log()
    {
        using var client = app.CreateBrowserClient();
        await client.GetAsync("/account/login"); // the app is up and the bootstrap rows are written
        var before = AuditRows();

        using var response = await AppFactory.SignInAsync(client, new string('a', 100_000) + "@example.com", "whatever password");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("An email address has at most 256 characters.", html);
        Assert.True(html.Length < 50_000, $"the page echoes the input back ({html.Length:N0} characters)");
        Assert.Equal(before, AuditRows());
    }

    [Fact]
    public async Task An_unknown_account_and_a_wrong_password_get_the_same_answer()
    {
        using var client = app.CreateBrowserClient();

        var unknown = ErrorText(await (await AppFactory.SignInAsync(client, "nobody@example.com", "some password here")).Content.ReadAsStringAsync());
        var wrong = ErrorText(await (await AppFactory.SignInAsync(client, AppFactory.AdminEmail, "not the admin password")).Content.ReadAsStringAsync());

        Assert.False(string.IsNullOrEmpty(unknown));
        Assert.Equal(unknown, wrong);
    }

    [Fact]
    public async Task A_client_that_keeps_failing_is_stopped_even_with_the_right_password_and_told_to_wait()
    {
        var throttled = new AppFactoryWithOwnThrottle(app.Database.Provider);
        await using var _ = throttled;
        using var client = throttled.CreateBrowserClient();
        for (var i = 0; i < SignInThrottle.MaxFailuresPerWindow; i++)
        {
            var failed = await AppFactory.SignInAsync(client, $"guess{i}@example.com", "a guessed password");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var blocked = await AppFactory.SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("Too many failed sign-ins from your network", await blocked.Content.ReadAsStringAsync());
    }

    /// <summary>An app of its own, so the failures counted here do not block the other tests of this class.</summary>
    private sealed class AppFactoryWithOwnThrottle(DatabaseProvider provider) : AppFactory(provider);
}
