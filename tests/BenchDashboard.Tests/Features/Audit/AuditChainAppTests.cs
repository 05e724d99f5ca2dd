using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Admin;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Audit;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BenchDashboard.Tests.Features.Audit;

/// <summary>
/// The audit chain in the running app (issue 12, finding 7): verified at every start, with a broken chain logged as an
/// error and shown to admins while the app keeps serving; verified on demand through the API, which the contract opens
/// to the report and admin scopes, against a head recorded outside the database; every such check audited.
/// </summary>
public abstract class AuditChainAppTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : AuditChainAppTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : AuditChainAppTests(DatabaseProvider.Postgres);

    /// <summary>Everything the app logs, for the assertions on what an operator would read.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }

    private class LoggedApp(DatabaseProvider provider) : AppFactory(provider)
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(Logs));
        }

        public async Task<AuditChainCheck> StartupCheckAsync() =>
            await Services.GetRequiredService<AuditChainStatus>().StartupCheck.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>A keyed database whose row 2 someone changed (key id included: text from the database, shown to admins) before the app started.</summary>
    private sealed class TamperedApp : LoggedApp
    {
        public const string HostileKeyId = "<script>alert(1)</script>";

        public TamperedApp(DatabaseProvider provider) : base(provider) =>
            // Off any synchronisation context, as TestDatabase.Create does: a constructor cannot await.
            Task.Run(TamperAsync).GetAwaiter().GetResult();

        /// <summary>Tampered before the app starts, which is when it checks the chain.</summary>
        private async Task TamperAsync()
        {
            var database = DatabaseBeforeStart;
            await database.MigrateAsync();
            var log = new AuditLog(database.Factory, TimeProvider.System, TestAuditKeys.Keyring);
            for (var i = 0; i < 3; i++) await log.AppendAsync("lead@test.local", AuditActions.SignIn);
            await using var db = database.CreateContext();
            await db.Database.ExecuteSqlRawAsync(database.DropTriggerSql("AuditEvents_NoUpdate", "AuditEvents"));
            await db.Database.ExecuteSqlAsync($@"UPDATE ""AuditEvents"" SET ""KeyId"" = {HostileKeyId} WHERE ""Id"" = 2");
        }

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("BenchDashboard:Audit:Key", TestAuditKeys.Key), new("BenchDashboard:Audit:KeyId", TestAuditKeys.KeyId)];
    }

    [Fact]
    public async Task The_chain_is_verified_at_start_and_the_outcome_logged()
    {
        using var app = new LoggedApp(provider);

        var check = await app.StartupCheckAsync();

        Assert.True(check.Result.IsIntact, check.Result.Problem);
        Assert.Equal(AuditChainCheck.AtStart, check.By);
        Assert.True(check.Result.RowsVerified >= 1); // the bootstrap admin's row at least
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("Audit chain verified (start-up check)"));
        // Testing has no key configured: the public development key is used, and said so.
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("built-in development key"));
    }

    [Fact]
    public async Task A_broken_chain_at_start_is_logged_as_an_error_and_shown_to_admins_while_the_app_keeps_serving()
    {
        using var app = new TamperedApp(provider);

        var check = await app.StartupCheckAsync();

        Assert.False(check.Result.IsIntact);
        Assert.Equal(2, check.Result.BrokenRowId);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("AUDIT CHAIN BROKEN") && e.Message.Contains("row 2"));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateApiClient(null).GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateApiClient(AppFactory.BootstrapKey).GetAsync("/api/v1/projects")).StatusCode);

        var admin = app.CreateBrowserClient();
        await AppFactory.SignInAsync(admin, AppFactory.AdminEmail, AppFactory.AdminPassword);
        var page = await admin.GetStringAsync("/admin");
        Assert.Contains("data-testid=\"audit-chain-broken\"", page);
        Assert.Contains("The audit chain is broken.", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.DoesNotContain(TamperedApp.HostileKeyId, page);
    }

    [Fact]
    public async Task Verifying_on_demand_is_open_to_the_report_and_admin_scopes_and_to_admins_and_auditors_only()
    {
        using var app = new LoggedApp(provider);
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        async Task<HttpStatusCode> WithKeyAsync(ApiScopes scopes) =>
            (await app.CreateApiClient((await keys.CreateAsync($"{scopes} key", scopes, null, "test")).Secret).GetAsync("/api/v1/audit-log/verify")).StatusCode;
        async Task<HttpStatusCode> SignedInAsync(string? role)
        {
            var client = app.CreateBrowserClient();
            var email = role is null ? AppFactory.AdminEmail : $"{role.ToLowerInvariant()}-chain@test.local";
            if (role is not null)
            {
                var created = await app.Services.GetRequiredService<UserAdminService>().CreateAsync(email, null, "chain password 1234", [role], AppFactory.AdminEmail);
                Assert.True(created.Succeeded, string.Join(" ", created.Errors));
            }
            await AppFactory.SignInAsync(client, email, role is null ? AppFactory.AdminPassword : "chain password 1234");
            return (await client.GetAsync("/api/v1/audit-log/verify")).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateApiClient(null).GetAsync("/api/v1/audit-log/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await WithKeyAsync(ApiScopes.Ingest));
        Assert.Equal(HttpStatusCode.Forbidden, await WithKeyAsync(ApiScopes.Read));
        Assert.Equal(HttpStatusCode.OK, await WithKeyAsync(ApiScopes.Report));
        Assert.Equal(HttpStatusCode.OK, await WithKeyAsync(ApiScopes.Admin));
        Assert.Equal(HttpStatusCode.Forbidden, await SignedInAsync(Roles.Reviewer));
        Assert.Equal(HttpStatusCode.Forbidden, await SignedInAsync(Roles.Lead));
        Assert.Equal(HttpStatusCode.OK, await SignedInAsync(Roles.Auditor));
        Assert.Equal(HttpStatusCode.OK, await SignedInAsync(null)); // the admin
    }

    [Fact]
    public async Task An_on_demand_check_answers_as_the_contract_says_checks_a_recorded_head_and_is_audited()
    {
        using var app = new LoggedApp(provider);
        var api = app.CreateApiClient(AppFactory.BootstrapKey);

        var first = JsonDocument.Parse(await api.GetStringAsync("/api/v1/audit-log/verify")).RootElement;
        Assert.True(first.GetProperty("ok").GetBoolean());
        var sequence = first.GetProperty("headSequence").GetInt64();
        var hash = first.GetProperty("headHash").GetString()!;
        Assert.Equal(sequence, first.GetProperty("events").GetInt64());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("problem").ValueKind);

        var held = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/audit-log/verify?expectedSequence={sequence}&expectedHash={hash}")).RootElement;
        Assert.True(held.GetProperty("ok").GetBoolean());
        Assert.Equal(sequence, held.GetProperty("checkedSequence").GetInt64());

        // A head beyond the end: what a truncated log looks like next to an alert that went out earlier.
        var beyond = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/audit-log/verify?expectedSequence={sequence + 100}&expectedHash={hash}")).RootElement;
        Assert.False(beyond.GetProperty("ok").GetBoolean());
        Assert.Contains("were deleted", beyond.GetProperty("problem").GetString());

        var half = await api.GetAsync($"/api/v1/audit-log/verify?expectedSequence={sequence}");
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);
        Assert.Contains("both the sequence number and the hash", await half.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/v1/audit-log/verify?expectedSequence=1&expectedHash=xyz")).StatusCode);

        await using var db = app.Database.CreateContext();
        var audited = await db.AuditEvents.Where(e => e.Action == AuditActions.ChainVerified).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(3, audited.Count);
        Assert.All(audited, e => Assert.Equal("api-key:bootstrap", e.Actor));
        Assert.Contains("\"ok\":false", audited[2].PayloadJson);
    }
}
