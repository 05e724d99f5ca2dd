using BenchDashboard.Data.Sqlite;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BenchDashboard.Tests.Data;

/// <summary>EF Core migrations build the schema (decision 0016): the model never changes without a migration, and a new
/// database gets everything the last SQL-script release had, less the tables nothing used.</summary>
public class MigrationTests
{
    [Fact]
    public void The_model_has_no_change_that_a_migration_does_not_carry()
    {
        using var database = new TempDatabase();
        using var db = database.CreateContext();
        // Fails after a model change until `dotnet ef migrations add <Name> --project src/BenchDashboard` has been run.
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
    }

    [Fact]
    public async Task A_new_database_has_the_schema_of_the_last_script_release_without_its_unused_tables()
    {
        // The baseline alone: the migrations after it change the schema on purpose, on new and adopted databases alike.
        using var database = new TempDatabase();
        await using (var db = database.CreateContext())
        {
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(ScriptReleaseAdoption.BaselineMigration);
        }
        var fresh = await DescribeAsync(database.ConnectionString);
        var scriptRelease = await DescribeAsync($"Data Source={ScriptReleaseDatabase.FixturePath};Mode=ReadOnly;Pooling=False");
        var retired = ScriptReleaseAdoption.RetiredTables.Keys.ToList();
        static bool Of(string line, string table) =>
            line == $"table {table}" || line.StartsWith($"column {table}.", StringComparison.Ordinal) ||
            line.StartsWith($"fk {table}.", StringComparison.Ordinal) || line.StartsWith($"index {table}.", StringComparison.Ordinal);

        Assert.Equal(scriptRelease.Where(l => !retired.Any(t => Of(l, t))), fresh);
        // The audit log stays append-only in the database itself (decision 0008).
        Assert.Contains(fresh, l => l.StartsWith("trigger AuditEvents_NoUpdate: CREATE TRIGGER", StringComparison.Ordinal));
        Assert.Contains(fresh, l => l.StartsWith("trigger AuditEvents_NoDelete: CREATE TRIGGER", StringComparison.Ordinal));
        Assert.DoesNotContain(fresh, l => retired.Any(t => l == $"table {t}"));
    }

    [Fact]
    public async Task Migrating_twice_is_harmless_and_records_each_migration_once()
    {
        using var database = await new TempDatabase().MigrateAsync();
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_database_with_tables_but_no_migration_history_is_refused_untouched()
    {
        using var database = new TempDatabase();
        await using (var db = database.CreateContext()) await db.Database.EnsureCreatedAsync();
        var before = await DescribeAsync(database.ConnectionString);

        await using var context = database.CreateContext();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync());
        Assert.Contains("no migration history", error.Message);
        Assert.Contains("Nothing was changed", error.Message);
        Assert.Equal(before, await DescribeAsync(database.ConnectionString));
    }

    [Fact]
    public async Task A_database_of_a_newer_release_is_refused_untouched()
    {
        using var database = await new TempDatabase().MigrateAsync();
        await Execute(database.ConnectionString, """INSERT INTO "__EFMigrationsHistory" VALUES ('29990101000000_FromTheFuture', '99.0.0')""");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync());
        Assert.Contains("newer BenchDashboard release", error.Message);
        Assert.Contains("29990101000000_FromTheFuture", error.Message);
    }

    internal static async Task<SortedSet<string>> DescribeAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return await SqliteSchema.DescribeAsync(connection);
    }

    internal static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
