using System.Net;
using BenchDashboard.Features.Account;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Security;

/// <summary>
/// Issue 12, finding 8: anyone who knew an address could lock the account for 15 minutes with five wrong passwords.
/// The lockout still stops guessing from unknown browsers, but a browser that has signed in to the account before keeps
/// working, with a failure count of its own.
/// </summary>
public abstract class LockoutDenialTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : LockoutDenialTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : LockoutDenialTests(app), IClassFixture<PostgresAppFactory>;

    private const string WrongPassword = "a wrong password, guessed";

    private static async Task FailAsync(HttpClient client, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var failed = await AppFactory.SignInAsync(client, AppFactory.AdminEmail, WrongPassword);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode); // the form again, not a way in
        }
    }

    [Fact]
    public async Task A_stranger_locking_the_account_does_not_shut_out_the_browser_its_owner_signed_in_with()
    {
        using var owner = app.CreateBrowserClient();
        using var first = await AppFactory.SignInAsync(owner, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var stranger = app.CreateBrowserClient();
        await FailAsync(stranger, SignInDevices.MaxFailures);
        using var strangerWithThePassword = await AppFactory.SignInAsync(stranger, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, strangerWithThePassword.StatusCode);
        Assert.Contains("or the account is locked", await strangerWithThePassword.Content.ReadAsStringAsync());

        using var forged = app.CreateBrowserClient();
        forged.DefaultRequestHeaders.Add("Cookie", $"{SignInDevices.CookieName}=CfDJ8forged-device-cookie");
        using var forgedWithThePassword = await AppFactory.SignInAsync(forged, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, forgedWithThePassword.StatusCode);

        using var again = await AppFactory.SignInAsync(owner, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        // The owner's browser is not a way around the lockout either: its own failures lock it.
        await FailAsync(owner, SignInDevices.MaxFailures);
        using var ownerLocked = await AppFactory.SignInAsync(owner, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, ownerLocked.StatusCode);
        Assert.Contains("or the account is locked", await ownerLocked.Content.ReadAsStringAsync());
    }
}
