using System.Diagnostics;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Data.Copy;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Demo;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Trends;
using BenchDashboard.Infrastructure.Api;
using BenchDashboard.Tests.Browser;
using BenchDashboard.Tests.Features.Demo;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Data;

/// <summary>
/// A team that outgrows one machine moves its SQLite database into PostgreSQL with <c>copy-from-sqlite</c>
/// (docs/deploy.md, "Moving from SQLite"; decision 0040): afterwards the dashboard shows the same, the audit chain
/// verifies with the same head, and the app goes on adding rows. A copy never half-happens and never merges.
/// </summary>
public sealed class SqliteToPostgresCopyTests
{
    [Fact]
    [Trait("Category", "Process")]
    public async Task The_demo_copied_into_postgres_has_every_row_the_same_trends_and_an_audit_chain_that_verifies()
    {
        // A consistent snapshot of the seeded demo, as an operator's stopped app leaves its file.
        var source = Path.Combine(Path.GetTempPath(), $"copy-source-{Guid.NewGuid():N}.db");
        try
        {
            AuditKeyring keys;
            using (var demo = new DemoAppFactory().Started())
            await using (var connection = new SqliteConnection(demo.Database.ConnectionString))
            {
                keys = demo.Services.GetRequiredService<AuditKeyring>();
                await connection.OpenAsync();
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = $"VACUUM INTO '{source}'";
                await vacuum.ExecuteNonQueryAsync();
            }
            await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, "copy");

            var (exit, output) = await RunCopyCommandAsync(source, target.ConnectionString);
            Assert.True(exit == 0, output);
            Assert.Contains("Copied", output);

            var sourceFactory = new SqliteFactory(source);
            await using (var sqlite = sourceFactory.CreateDbContext())
            await using (var postgres = target.CreateContext())
            {
                // Every table of the model, every row.
                foreach (var table in postgres.Model.GetRelationalModel().Tables)
                {
                    var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table.Name}\"";
                    Assert.True(await sqlite.Database.SqlQueryRaw<long>(sql).SingleAsync() == await postgres.Database.SqlQueryRaw<long>(sql).SingleAsync(),
                        $"{table.Name} has a different number of rows");
                }
                Assert.True(await postgres.FeedbackEvents.CountAsync() > 100_000);

                // The dashboard's figures, computed from the copied rows, are those of the original.
                var project = await postgres.Projects.SingleAsync(p => p.Slug == DemoStory.ProjectSlug);
                var from = DemoAppFactory.Anchor.AddDays(-(DemoStory.Days - 1));
                foreach (var bucket in new[] { TrendBucket.Day, TrendBucket.Week })
                {
                    var before = await new TrendsService(sourceFactory).GetAsync(project.Id, from, DemoAppFactory.Anchor, bucket);
                    var after = await new TrendsService(target.Factory).GetAsync(project.Id, from, DemoAppFactory.Anchor, bucket);
                    Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
                }
            }

            // The chain verifies on PostgreSQL with the head it had on SQLite.
            var sourceChain = await new AuditLog(sourceFactory, TimeProvider.System, keys).VerifyAsync();
            var targetLog = new AuditLog(target.Factory, TimeProvider.System, keys);
            var targetChain = await targetLog.VerifyAsync();
            Assert.True(targetChain.IsIntact, targetChain.Problem);
            Assert.True(sourceChain.IsIntact && sourceChain.RowsVerified > 0, sourceChain.Problem);
            Assert.Equal(sourceChain.RowsVerified, targetChain.RowsVerified);
            Assert.Equal(sourceChain.Head, targetChain.Head);

            // The app goes on: new rows get new ids after the copied ones, and the chain continues from the copied head.
            var projectId = (await target.CreateContext().Projects.SingleAsync(p => p.Slug == DemoStory.ProjectSlug)).Id;
            var body = new MemoryStream("""{"eventId":"after-the-move","timestamp":"2026-11-01T12:00:00Z","kind":"thumbs_up"}"""u8.ToArray());
            var import = await new IngestionService(target.Factory).ImportAsync(projectId, ImportKind.Feedback, body, BodyFormat.Ndjson, ImportOptions.Store);
            Assert.True(import.Stored);
            Assert.Equal(1, import.Accepted);
            await targetLog.AppendAsync("admin@demo.local", AuditActions.SignIn, "user:admin@demo.local", null);
            var continued = await targetLog.VerifyAsync();
            Assert.True(continued.IsIntact, continued.Problem);
            Assert.Equal(targetChain.RowsVerified + 1, continued.RowsVerified);

            // A second copy into the database that now holds data is refused, in words, and changes nothing.
            var (again, refusal) = await RunCopyCommandAsync(source, target.ConnectionString);
            Assert.Equal(1, again);
            Assert.Contains("Nothing was copied: The PostgreSQL database already holds data", refusal);
            Assert.DoesNotContain("   at ", refusal);
            Assert.Equal(continued.RowsVerified, (await targetLog.VerifyAsync()).RowsVerified);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(source);
        }
    }

    [Fact]
    public async Task A_sqlite_database_at_an_older_schema_is_refused_before_anything_is_written()
    {
        await using var old = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = old.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
        }
        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, "copy");
        var file = new SqliteConnectionStringBuilder(old.ConnectionString).DataSource;

        var refused = await Assert.ThrowsAsync<DatabaseCopyException>(() => SqliteToPostgresCopy.CopyAsync(file, target.ConnectionString, TextWriter.Null));
        Assert.Contains("Start this release on it once", refused.Message);
        await using var connection = target.OpenConnection();
        await using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'";
        Assert.Equal(0L, Convert.ToInt64(await tables.ExecuteScalarAsync()));

        var missing = await Assert.ThrowsAsync<DatabaseCopyException>(() =>
            SqliteToPostgresCopy.CopyAsync(file + ".missing", target.ConnectionString, TextWriter.Null));
        Assert.StartsWith("There is no SQLite database at", missing.Message);
    }

    [Fact]
    public async Task A_row_postgresql_refuses_stops_the_copy_naming_its_table_and_nothing_is_copied()
    {
        // SQLite does not enforce column lengths; a name longer than PostgreSQL's varchar(200) got in by hand.
        await using var source = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using (var db = source.CreateContext())
        {
            db.Projects.Add(new Domain.Project { Slug = "fine", Name = "Fine", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            var longName = new string('n', 250);
            await db.Database.ExecuteSqlAsync($"""UPDATE "Projects" SET "Name" = {longName}""");
        }
        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, "copy");
        var file = new SqliteConnectionStringBuilder(source.ConnectionString).DataSource;
        SqliteConnection.ClearAllPools();

        var refused = await Assert.ThrowsAsync<DatabaseCopyException>(() => SqliteToPostgresCopy.CopyAsync(file, target.ConnectionString, TextWriter.Null));
        Assert.StartsWith("PostgreSQL refused a row of Projects: value too long", refused.Message);
        await using var check = target.CreateContext();
        Assert.False(await check.Projects.AnyAsync());
        Assert.False(await check.Users.AnyAsync());
    }

    /// <summary>The real executable, as an operator runs it: the PostgreSQL settings in the environment, the file as argument.</summary>
    private static async Task<(int ExitCode, string Output)> RunCopyCommandAsync(string sqliteFile, string postgresConnectionString)
    {
        var start = new ProcessStartInfo(RunningApp.AppExecutable())
        {
            WorkingDirectory = RunningApp.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CopyFromSqliteCommand.Name);
        start.ArgumentList.Add(sqliteFile);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["BenchDashboard__Database__Provider"] = "postgres";
        start.Environment["ConnectionStrings__Default"] = postgresConnectionString;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hang, not a measurement.
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Contexts on a SQLite file, for the services that read the source as the app did.</summary>
    private sealed class SqliteFactory(string file) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(new SqliteConnectionStringBuilder { DataSource = file }.ToString()).Options);
    }
}
