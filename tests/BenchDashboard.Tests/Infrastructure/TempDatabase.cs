using BenchDashboard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>A real SQLite file in a temporary folder, deleted with its WAL files when disposed.</summary>
public sealed class TempDatabase : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("benchdashboard-test-").FullName;
    public string Path => System.IO.Path.Combine(Folder, "test.db");
    public string ConnectionString => $"Data Source={Path};Pooling=False";

    public DbContextOptions<AppDbContext> Options => new DbContextOptionsBuilder<AppDbContext>()
        .UseSqlite(ConnectionString)
        .Options;

    public AppDbContext CreateContext() => new(Options);

    public IDbContextFactory<AppDbContext> Factory => new SimpleFactory(Options);

    /// <summary>Applies the real migrations, as the app does at start.</summary>
    public async Task<TempDatabase> MigrateAsync()
    {
        await using var db = CreateContext();
        await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance);
        return this;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { /* best effort on a temp folder */ }
    }

    private sealed class SimpleFactory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
