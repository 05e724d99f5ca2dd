using System.Net;
using System.Net.Http.Json;
using BenchDashboard.Components.Layout;
using BenchDashboard.Domain;
using BenchDashboard.Features.Admin;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Audit;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Account;

public abstract class AuthenticationTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : AuthenticationTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : AuthenticationTests(app), IClassFixture<PostgresAppFactory>;

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string> { "/" };
        foreach (var entry in NavEntry.All) data.Add(entry.Href("any-project"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_redirects_anonymous_visitors_to_sign_in(string path)
    {
        var response = await app.CreateBrowserClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location.Query, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_without_a_key_answers_401_problem_details()
    {
        var response = await app.CreateApiClient(null).GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_with_an_unknown_key_answers_401()
    {
        var response = await app.CreateApiClient("not-a-real-key-but-long-enough-0123456789").GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Bootstrap_key_reads_projects_and_records_its_last_use()
    {
        var response = await app.CreateApiClient(AppFactory.BootstrapKey).GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var key = await db.ApiKeys.SingleAsync(k => k.Name == "bootstrap");
        Assert.Equal(ApiScopes.All, key.Scopes);
        Assert.NotNull(key.LastUsedAt);
    }

    [Fact]
    public async Task A_key_without_the_read_scope_gets_403_and_a_revoked_key_gets_401()
    {
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var (ingestOnly, secret) = await keys.CreateAsync("ingest only", ApiScopes.Ingest, null, "test");
        var client = app.CreateApiClient(secret);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/projects")).StatusCode);

        await keys.RevokeAsync(ingestOnly.Id, "test");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/projects")).StatusCode);
    }

    [Fact]
    public async Task A_key_limited_to_one_project_sees_only_that_project()
    {
        int alphaId;
        await using (var db = app.Database.CreateContext())
        {
            var alpha = new Project { Slug = "alpha-limited", Name = "Alpha", CreatedAt = DateTime.UtcNow };
            db.Projects.AddRange(alpha, new Project { Slug = "beta-limited", Name = "Beta", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            alphaId = alpha.Id;
        }
        var (_, secret) = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alpha reader", ApiScopes.Read, alphaId, "test");

        var projects = await app.CreateApiClient(secret).GetFromJsonAsync<List<ProjectJson>>("/api/v1/projects");

        Assert.Equal(["alpha-limited"], projects!.Select(p => p.Slug));
    }

    [Fact]
    public async Task Signed_in_users_reach_pages_their_role_allows_and_are_denied_others()
    {
        await CreateUserAsync("reviewer-pages@test.local", Roles.Reviewer);
        var reviewer = app.CreateBrowserClient();
        var signIn = await AppFactory.SignInAsync(reviewer, "reviewer-pages@test.local", "reviewer password 123");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/p/x/trends")).StatusCode);
        var admin = await reviewer.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.StartsWith("/account/access-denied", admin.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        var import = await reviewer.GetAsync("/p/x/import");
        Assert.StartsWith("/account/access-denied", import.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);

        var adminClient = app.CreateBrowserClient();
        await AppFactory.SignInAsync(adminClient, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Browser_users_may_read_the_api_with_their_cookie()
    {
        var client = app.CreateBrowserClient();
        await AppFactory.SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
        var response = await client.GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_after_five_tries()
    {
        await CreateUserAsync("lockout@test.local", Roles.Lead);
        var client = app.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await AppFactory.SignInAsync(client, "lockout@test.local", "definitely the wrong one");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await AppFactory.SignInAsync(client, "lockout@test.local", "reviewer password 123");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("or the account is locked", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disabled_accounts_cannot_sign_in()
    {
        var id = await CreateUserAsync("disabled@test.local", Roles.Auditor);
        var result = await app.Services.GetRequiredService<UserAdminService>().SetDisabledAsync(id, true, AppFactory.AdminEmail);
        Assert.True(result.Succeeded);
        var response = await AppFactory.SignInAsync(app.CreateBrowserClient(), "disabled@test.local", "reviewer password 123");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, not a redirect into the app
        Assert.Contains("or the account is locked", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_failed_sign_in_and_sign_out_are_written_to_the_audit_log()
    {
        await CreateUserAsync("audited@test.local", Roles.Lead);
        var client = app.CreateBrowserClient();
        await AppFactory.SignInAsync(client, "audited@test.local", "not the password!");
        await AppFactory.SignInAsync(client, "audited@test.local", "reviewer password 123");
        var trends = await client.GetStringAsync("/p/x/trends");
        var signOut = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(trends) }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/p/x/trends")).StatusCode);

        await using var db = app.Database.CreateContext();
        var actions = await db.AuditEvents.Where(e => e.Subject == "user:audited@test.local").Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditActions.SignInFailed, actions);
        Assert.Contains(AuditActions.SignIn, actions);
        Assert.Contains(AuditActions.SignOut, actions);
        Assert.True((await app.Services.GetRequiredService<AuditLog>().VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Role_changes_and_api_key_changes_are_written_to_the_audit_log()
    {
        var id = await CreateUserAsync("promoted@test.local", Roles.Reviewer);
        var admin = app.Services.GetRequiredService<UserAdminService>();
        Assert.True((await admin.SetRolesAsync(id, [Roles.Lead], AppFactory.AdminEmail)).Succeeded);
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var (key, _) = await keys.CreateAsync("audited key", ApiScopes.Read, null, AppFactory.AdminEmail);
        await keys.RevokeAsync(key.Id, AppFactory.AdminEmail);

        await using var db = app.Database.CreateContext();
        var roleChange = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.RolesChanged && e.Subject == "user:promoted@test.local");
        Assert.Equal(AppFactory.AdminEmail, roleChange.Actor);
        Assert.Contains("Lead", roleChange.PayloadJson);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ApiKeyCreated && e.Subject == $"api_key:{key.Id}"));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ApiKeyRevoked && e.Subject == $"api_key:{key.Id}"));
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_or_disabled()
    {
        var admin = app.Services.GetRequiredService<UserAdminService>();
        var self = (await admin.ListAsync()).Single(u => u.Email == AppFactory.AdminEmail);
        var demote = await admin.SetRolesAsync(self.Id, [Roles.Lead], "someone-else@test.local");
        Assert.False(demote.Succeeded);
        Assert.Contains("last active admin", demote.Errors[0]);
        Assert.False((await admin.SetDisabledAsync(self.Id, true, "someone-else@test.local")).Succeeded);
    }

    [Fact]
    public async Task Health_endpoint_answers_without_authentication_or_details()
    {
        var response = await app.CreateApiClient(null).GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_projects_endpoint()
    {
        var json = await app.CreateApiClient(null).GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/projects", json);
    }

    private async Task<string> CreateUserAsync(string email, string role)
    {
        var admin = app.Services.GetRequiredService<UserAdminService>();
        var result = await admin.CreateAsync(email, null, "reviewer password 123", [role], AppFactory.AdminEmail);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return (await admin.ListAsync()).Single(u => u.Email == email).Id;
    }

    private sealed record ProjectJson(string Slug, string Name, string? Description);
}
