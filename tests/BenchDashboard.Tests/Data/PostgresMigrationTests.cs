using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchDashboard.Data;
using BenchDashboard.Data.Postgres;
using BenchDashboard.Features.Audit;
using BenchDashboard.Tests.Browser;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BenchDashboard.Tests.Data;

/// <summary>PostgreSQL's own migration set (decision 0025): the app builds the schema on an empty server at start, the
/// snapshot says what the model says, the audit log is append-only in the server itself, and a server the app cannot
/// reach stops the start with one plain line.</summary>
public class PostgresMigrationTests
{
    [Fact]
    public async Task The_app_migrates_an_empty_postgresql_database_at_start()
    {
        await using var app = new PostgresAppFactory();
        await using (var empty = app.DatabaseBeforeStart.CreateContext())
        {
            Assert.IsType<PostgresAppDbContext>(empty);
            Assert.Empty(await empty.Database.GetAppliedMigrationsAsync());
        }

        _ = app.Services; // starts the app: migrations, roles, bootstrap admin

        await using var db = app.Database.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Contains(await db.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
        foreach (var table in new[] { "Projects", "ProductionTraces", "FeedbackEvents", "DailyRollups", "BenchRuns", "AuditEvents", "AspNetUsers", "DataProtectionKeys", "__EFMigrationsHistory" })
        {
            Assert.Contains(table, tables);
        }
        // The start ran on the schema: the bootstrap admin exists and signs in.
        Assert.True(await db.Users.AnyAsync(u => u.Email == AppFactory.AdminEmail));
        var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task The_postgresql_model_has_no_change_that_a_migration_does_not_carry()
    {
        await using var database = await TempPostgresDatabase.CreateAsync("snapshot");
        await using var db = database.CreateContext();
        Assert.IsType<PostgresAppDbContext>(db);
        // Fails after a model change until the PostgreSQL migration is added too (README, "Changing the schema").
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: run dotnet ef migrations add <Name> --context PostgresAppDbContext --output-dir Data/Postgres/Migrations.");
    }

    [Theory]
    [InlineData("""UPDATE "AuditEvents" SET "Actor" = 'mallory@test.local' WHERE "Id" = 1""")]
    [InlineData("""DELETE FROM "AuditEvents" WHERE "Id" = 1""")]
    [InlineData("""TRUNCATE "AuditEvents" """)]
    public async Task The_server_refuses_to_change_or_remove_audit_rows(string sql)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres, "appendonly");
        var log = new AuditLog(database.Factory, TimeProvider.System, TestAuditKeys.Keyring);
        await log.AppendAsync("alice@test.local", AuditActions.SignIn, "user:alice@test.local");

        await using var connection = (NpgsqlConnection)database.OpenConnection();
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", refused.MessageText);
        var result = await log.VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(1, result.RowsVerified);
    }

    public enum Unreachable { NoSuchDatabase, ClosedPort }

    [Theory]
    [Trait("Category", "Process")]
    [InlineData(Unreachable.NoSuchDatabase)]
    [InlineData(Unreachable.ClosedPort)]
    public async Task A_server_the_app_cannot_reach_stops_the_start_with_one_line_and_exit_code_1(Unreachable what)
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = PostgresServer.Host,
            Port = what == Unreachable.ClosedPort ? ClosedPort() : server.Port,
            Database = $"missing_{Guid.NewGuid():N}",
            Username = "postgres",
        }.ConnectionString;
        var start = new ProcessStartInfo(RunningApp.AppExecutable())
        {
            WorkingDirectory = RunningApp.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["BenchDashboard__Database__Provider"] = "postgres";
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["BenchDashboard__Demo"] = "false";
        start.Environment["BenchDashboard__Audit__Key"] = "postgres-start-audit-key-0123456789abcdef";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hang, not a measurement: the app either exits or the test fails here.
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        var output = await stdout + await stderr;

        Assert.True(process.ExitCode == 1, $"exit code {process.ExitCode}:\n{output}");
        var message = (await stderr).Split('\n').SingleOrDefault(l => l.StartsWith("BenchDashboard cannot start:", StringComparison.Ordinal));
        Assert.True(message is not null, $"no start-up message:\n{output}");
        Assert.Contains("the PostgreSQL server", message);
        Assert.Contains("could not be reached or refused the login", message);
        Assert.Contains("that the database exists", message);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("   at ", output);
    }

    /// <summary>A port nothing listens on: the system just handed it out and it was closed again.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
