using BenchDashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
