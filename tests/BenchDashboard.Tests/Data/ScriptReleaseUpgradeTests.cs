using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Data.Sqlite;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Data;

/// <summary>
/// A database the last SQL-script release made (Fixtures/README.md) upgrades in place at start: every row stays and reads
/// through the app, EF's history holds the baseline, the unused tables go only when empty, and a database in any other
/// state is refused with a message and left as it was (decision 0016).
/// </summary>
public class ScriptReleaseUpgradeTests
{
    private sealed class UpgradedApp : AppFactory
    {
        public UpgradedApp() => ScriptReleaseDatabase.CopyTo(((TempDatabase)DatabaseBeforeStart).Path);

        // The upgrade step README, "Audit log", asks for: vouch for the rows the earlier release wrote unkeyed.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("BenchDashboard:Audit:UnkeyedRows", ScriptReleaseDatabase.AuditRows.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task The_app_starts_on_it_keeps_every_row_and_serves_it()
    {
        using var app = new UpgradedApp();
        var fixture = $"Data Source={ScriptReleaseDatabase.FixturePath};Mode=ReadOnly;Pooling=False";
        var api = app.CreateApiClient(ScriptReleaseDatabase.RunnerKey); // starts the app, which upgrades the database

        // Every row of every table the release kept, column by column. DataProtectionKeys is new since (decision 0025),
        // UpgradeCaseDecisions since decision 0029, the rubric items and review decisions since decision 0031, the report
        // archive since decision 0038 (the release's retired "Reports" table is left alone, never reused).
        var before = await RowsAsync(fixture);
        var after = await RowsAsync(app.Database.ConnectionString);
        string[] newer = ["__EFMigrationsHistory", "DataProtectionKeys", "UpgradeCaseDecisions", "RubricVersionItems", "RubricItemDecisions", "IssuedReports"];
        Assert.Equal(before.Keys.Where(t => t != "Reports" && t != "__EFMigrationsHistory").Order(), after.Keys.Where(t => !newer.Contains(t)).Order());
        foreach (var (table, rows) in after.Where(t => !newer.Contains(t.Key)))
        {
            Assert.True(rows.Count > 0 || table.StartsWith("AspNet", StringComparison.Ordinal) || table == "__EFMigrationsLock", $"{table} has rows in the fixture");
            // AuditKeyId added the key id column; the release's rows have none (they are unkeyed, plain SHA-256).
            // Decision 0029 added who opened an audit; the release's audits have nobody.
            Assert.Equal(before[table], table switch
            {
                "AuditEvents" => rows.Select(r => r.Replace(" | KeyId=NULL", "")).ToList(),
                "UpgradeAudits" => rows.Select(r => r.Replace(" | CreatedBy=NULL", "")).ToList(),
                // Decision 0031 added a version's status and row time, and a review's workflow columns (checked below).
                "RubricVersions" => rows.Select(r => Regex.Replace(r, @" \| CreatedAt=[^|]* \| Status=\w+$", "")).ToList(),
                "RubricReviews" => rows.Select(r => Regex.Replace(r, @" \| AbandonReason=.*$", "")).ToList(),
                _ => rows,
            });
        }

        // EF's history holds the baseline and nothing is pending: the next migration applies as on any database.
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(ScriptReleaseAdoption.BaselineMigration, (await db.Database.GetAppliedMigrationsAsync()).First());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(40, await db.ProductionTraces.CountAsync());
            Assert.Equal(4, await db.TraceReviews.CountAsync(r => r.Revision >= 1));
            Assert.Equal(2, await db.SignalTriages.CountAsync());
            // The release's versions had no approval (a bench run named them), so they came in; its signed-off review was approved.
            Assert.All(await db.RubricVersions.ToListAsync(), v =>
                Assert.Equal(v.ApprovedAt is null ? RubricVersionStatus.Imported : RubricVersionStatus.Approved, v.Status));
            Assert.All(await db.RubricReviews.ToListAsync(), r =>
                Assert.Equal(r.SignedOffAt is null ? RubricReviewStatus.Draft : RubricReviewStatus.Approved, r.Status));
            Assert.DoesNotContain(await db.RubricVersions.ToListAsync(), v => v.CreatedAt.Year < 2000);
        }

        // Through the API and the services, as users see it.
        var runs = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/projects/{ScriptReleaseDatabase.ProjectSlug}/bench-runs")).RootElement;
        Assert.Equal(["run-2", "run-1"], runs.EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        var trends = JsonDocument.Parse(await api.GetStringAsync(
            $"/api/v1/projects/{ScriptReleaseDatabase.ProjectSlug}/trends?from=2026-03-01&to=2026-03-31&bucket=week")).RootElement;
        Assert.Contains(trends.GetProperty("series").GetProperty("thumbsUpRate").EnumerateArray(), p => p.GetProperty("n").GetInt64() > 0);
        var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.SignInAsync(browser, ScriptReleaseDatabase.LeadEmail, ScriptReleaseDatabase.LeadPassword)).StatusCode);
        var chain = await app.Services.GetRequiredService<AuditLog>().VerifyAsync();
        Assert.True(chain.IsIntact, chain.Problem);
        // The release's rows verify as unkeyed ones (the settings vouch for them), and the sign-in's row continues the chain keyed.
        Assert.Equal(ScriptReleaseDatabase.AuditRows, chain.UnkeyedRows);
        Assert.True(chain.RowsVerified > ScriptReleaseDatabase.AuditRows);
        var projectId = (await app.Services.GetRequiredService<ProjectService>().FindAsync(ScriptReleaseDatabase.ProjectSlug))!.Id;
        var round = Assert.Single(await app.Services.GetRequiredService<SamplingService>().RoundsAsync(projectId));
        Assert.NotNull(await app.Services.GetRequiredService<RoundService>().GetAsync(projectId, round.Id));

        // And it keeps working: a new import lands, and the audit log still refuses edits.
        var trace = new StringContent("""[{"traceId":"after-upgrade","timestamp":"2026-03-30T10:00:00Z","input":"q","category":"billing"}]""", Encoding.UTF8, "application/json");
        Assert.True((await api.PostAsync($"/api/v1/projects/{ScriptReleaseDatabase.ProjectSlug}/traces", trace)).IsSuccessStatusCode);
        var refused = await Assert.ThrowsAsync<SqliteException>(() => MigrationTests.Execute(app.Database.ConnectionString, "DELETE FROM AuditEvents"));
        Assert.Contains("append-only", refused.Message);
    }

    [Fact]
    public async Task Its_unused_tables_are_dropped_when_empty()
    {
        using var database = new TempDatabase();
        ScriptReleaseDatabase.CopyTo(database.Path);
        await MigrationTests.Execute(database.ConnectionString, string.Concat(ScriptReleaseAdoption.RetiredTables.Keys.Select(t => $"DELETE FROM \"{t}\";")));

        await database.MigrateAsync();

        var schema = await MigrationTests.DescribeAsync(database.ConnectionString);
        Assert.All(ScriptReleaseAdoption.RetiredTables.Keys, t => Assert.DoesNotContain($"table {t}", schema));
        await using var db = database.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task A_changed_schema_is_refused_with_the_differences_and_left_untouched()
    {
        using var database = new TempDatabase();
        ScriptReleaseDatabase.CopyTo(database.Path);
        await MigrationTests.Execute(database.ConnectionString, """DROP INDEX "IX_AuditEvents_At"; ALTER TABLE "Projects" ADD COLUMN "Extra" TEXT NULL;""");
        var before = await RowsAsync(database.ConnectionString);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync());

        Assert.Contains("Nothing was changed", error.Message);
        Assert.Contains("- index AuditEvents.IX_AuditEvents_At (At)", error.Message);
        Assert.Contains("+ column Projects.Extra TEXT", error.Message);
        Assert.Equal(before, await RowsAsync(database.ConnectionString));
    }

    [Fact]
    public async Task An_older_script_release_is_refused_with_the_release_to_start_first()
    {
        using var database = new TempDatabase();
        ScriptReleaseDatabase.CopyTo(database.Path);
        await MigrationTests.Execute(database.ConnectionString, """DELETE FROM "__EFMigrationsHistory" WHERE MigrationId = '20261205030000_InputLengths'""");
        var before = await RowsAsync(database.ConnectionString);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync());

        Assert.Contains("older BenchDashboard release", error.Message);
        Assert.Contains(ScriptReleaseAdoption.LastScriptRelease, error.Message);
        Assert.Equal(before, await RowsAsync(database.ConnectionString));
    }

    /// <summary>Every table's rows, each as its columns' values in rowid order.</summary>
    private static async Task<Dictionary<string, List<string>>> RowsAsync(string connectionString)
    {
        var result = new Dictionary<string, List<string>>();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            var rows = result[table] = [];
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i =>
                    $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}")));
            }
        }
        return result;
    }
}
