using BenchDashboard.Data;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>The SQLite <see cref="TestDatabase"/>: a real file in a temporary folder, deleted with its WAL files when
/// disposed. Tests about SQLite itself (its file, locks and triggers) use it directly.</summary>
public sealed class TempDatabase : TestDatabase
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("benchdashboard-test-").FullName;
    public string Path => System.IO.Path.Combine(Folder, "test.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public override string ConnectionString => $"Data Source={Path};Pooling=False";

    /// <summary>Applies the real migrations, as the app does at start.</summary>
    public new async Task<TempDatabase> MigrateAsync()
    {
        await base.MigrateAsync();
        return this;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { /* best effort on a temp folder */ }
        return ValueTask.CompletedTask;
    }
}
