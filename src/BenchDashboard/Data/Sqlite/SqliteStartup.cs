using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Data.Sqlite;

/// <summary>What a SQLite database needs around the migrations at start.</summary>
internal static class SqliteStartup
{
    public static Task BeforeMigrateAsync(AppDbContext db, ILogger logger, CancellationToken ct) =>
        ScriptReleaseAdoption.AdoptIfNeededAsync(db, logger, ct);

    /// <summary>WAL lets the dashboard read while ingestion writes; the setting is stored in the file.</summary>
    public static Task AfterMigrateAsync(AppDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
}
