using BenchDashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BenchDashboard.Tests.Data;

/// <summary>Migrations are hand-reviewed SQL scripts (docs/decisions/0007); this proves they build exactly the schema
/// the EF model describes, so a model change without a migration fails here rather than in production.</summary>
public class MigrationTests
{
    [Fact]
    public async Task Migrations_create_exactly_the_schema_the_model_describes()
    {
        using var migrated = await new TempDatabase().MigrateAsync();
        using var modelOnly = new TempDatabase();
        await using (var db = modelOnly.CreateContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await SchemaAsync(modelOnly.ConnectionString);
        var actual = await SchemaAsync(migrated.ConnectionString);

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            await using var db = modelOnly.CreateContext();
            Assert.Fail($"""
                The migrations do not build the model's schema. Write a new migration (SQL script) for the difference.
                Missing from migrations:
                {string.Join("\n", missing)}
                Only in migrations:
                {string.Join("\n", extra)}
                The model's full create script:
                {db.Database.GenerateCreateScript()}
                """);
        }
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
    public async Task An_existing_database_upgrades_with_bench_cases_first_seen_at_their_first_run()
    {
        using var database = new TempDatabase();
        await using (var db = database.CreateContext())
        {
            // The database as the previous release left it.
            await db.GetService<IMigrator>().MigrateAsync("20261122060000_SamplingWorkflow");
        }
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                INSERT INTO Projects (Id, Slug, Name, IsDemo, CreatedAt) VALUES (1, 'old', 'Old', 0, '2026-11-30 09:00:00');
                INSERT INTO PipelineVersions (Id, ProjectId, Version, DeployedAt) VALUES (1, 1, 'v1', '2026-02-01 00:00:00');
                INSERT INTO BenchCases (Id, ProjectId, ExternalId, Status, Source, CreatedAt) VALUES
                    (1, 1, 'imported', 'Active', 'Imported', '2026-11-30 09:00:00'),
                    (2, 1, 'gap', 'Active', 'ProductionGap', '2026-10-15 12:00:00'),
                    (3, 1, 'never-run', 'Active', 'Imported', '2026-11-30 09:00:00');
                INSERT INTO BenchRuns (Id, ProjectId, RunId, PipelineVersionId, StartedAt) VALUES
                    (1, 1, 'feb', 1, '2026-02-03 10:00:00'), (2, 1, 'mar', 1, '2026-03-03 10:00:00');
                INSERT INTO BenchResults (BenchRunId, BenchCaseId, Passed) VALUES (2, 1, 1), (1, 1, 0), (2, 2, 1);
                """;
            await cmd.ExecuteNonQueryAsync();
        }
        await database.MigrateAsync();

        await using var upgraded = database.CreateContext();
        var cases = await upgraded.BenchCases.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(new DateTime(2026, 2, 3, 10, 0, 0, DateTimeKind.Utc), cases[0].FirstSeenAt); // its first run, not the import
        Assert.Equal(new DateTime(2026, 10, 15, 12, 0, 0, DateTimeKind.Utc), cases[1].FirstSeenAt); // accepted from a gap
        Assert.Equal(cases[2].CreatedAt, cases[2].FirstSeenAt); // never run: when it was written
        Assert.All(cases, c => Assert.Null(c.RetiredAt));
        Assert.Empty(await upgraded.SignalTriages.ToListAsync());
    }

    /// <summary>Tables with their columns (name, type, nullability, default, key) and indexes, normalised.</summary>
    private static async Task<HashSet<string>> SchemaAsync(string connectionString)
    {
        var schema = new HashSet<string>();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            schema.Add($"table {table}");
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')";
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    schema.Add($"column {table}.{reader.GetString(0)} {reader.GetString(1)} notnull={reader.GetInt64(2)} default={(reader.IsDBNull(3) ? "" : reader.GetString(3))} pk={reader.GetInt64(4)}");
                }
            }
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')";
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    schema.Add($"fk {table}.{reader.GetString(1)} -> {reader.GetString(0)}.{reader.GetString(2)} on delete {reader.GetString(3)}");
                }
            }
        }
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) schema.Add($"index {reader.GetString(0)} on {reader.GetString(1)}: {reader.GetString(2)}");
        }
        return schema;
    }
}
