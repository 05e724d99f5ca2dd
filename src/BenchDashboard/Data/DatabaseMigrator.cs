using BenchDashboard.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BenchDashboard.Data;

/// <summary>
/// Brings a database to this release's schema with EF Core migrations (decision 0016). Provider-specific steps sit in
/// the provider's folder (<c>Data/Sqlite/</c>); PostgreSQL needs none (its migrations are its own, decision 0025).
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(AppDbContext db, ILogger logger, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite()) await SqliteStartup.BeforeMigrateAsync(db, logger, ct);
        // On an empty server EF reads its history table before creating it and logs the failed read as an error; an
        // operator's first start should not begin with one.
        else await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);

        // A newer release's migrations are unknown here: migrating would apply ours on top of a schema we do not know.
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database was migrated by a newer BenchDashboard release ({string.Join(", ", unknown)} are unknown to this one). " +
                "Nothing was changed. Start that release or a later one.");
        }
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite()) await SqliteStartup.AfterMigrateAsync(db, ct);
    }
}
