using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static SQLitePCL.raw;

namespace BenchDashboard.Data.Sqlite;

/// <summary>
/// The SQLite half of <see cref="DatabaseWriteCheck"/>: takes the write lock without waiting for it, creates a table
/// (which needs a fresh page, so a full database or size limit shows), and rolls back: nothing is ever stored and the
/// lock is held for microseconds. The disk's free space is read too, because a rolled-back write never reaches the disk.
/// </summary>
internal static class SqliteWriteProbe
{
    /// <summary>Less free space than this and the next import fails: SQLite grows the WAL and the file in whole pages.</summary>
    internal const long MinFreeBytes = 1024 * 1024;

    private const string ProbeTable = "__HealthzWriteProbe";

    public static HealthCheckResult Check(SqliteConnection connection) => DiskFull(connection.DataSource) ?? Probe(connection);
    /// <summary>
    /// SQLite's own calls, not SqliteCommand: Microsoft.Data.Sqlite retries a busy statement for the whole timeout,
    /// and health checks must answer at once.
    /// </summary>
    private static HealthCheckResult Probe(SqliteConnection connection)
    {
        var handle = connection.Handle!;
        var begun = sqlite3_exec(handle, "BEGIN IMMEDIATE");
        if (begun != SQLITE_OK) return Result(begun);
        try
        {
            return Result(sqlite3_exec(handle, $"CREATE TABLE \"{ProbeTable}\" (x)"));
        }
        finally
        {
            sqlite3_exec(handle, "ROLLBACK");
        }
    }

    private static HealthCheckResult Result(int resultCode) => resultCode == SQLITE_OK
        ? HealthCheckResult.Healthy()
        : SqliteFailures.OfCode(resultCode) is { } failure
            ? failure.Busy ? HealthCheckResult.Degraded(failure.Title) : HealthCheckResult.Unhealthy(failure.Title)
            : HealthCheckResult.Unhealthy($"SQLite error {resultCode}");

    private static HealthCheckResult? DiskFull(string databasePath)
    {
        var folder = Path.GetDirectoryName(databasePath);
        if (string.IsNullOrEmpty(folder)) return null;
        return new DriveInfo(folder).AvailableFreeSpace < MinFreeBytes ? HealthCheckResult.Unhealthy(StorageFailure.DiskFull.Title) : null;
    }
}
