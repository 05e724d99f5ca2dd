using Microsoft.Data.Sqlite;

namespace BenchDashboard.Data.Sqlite;

/// <summary>Which SQLite result codes are a <see cref="StorageFailure"/> (https://sqlite.org/rescode.html).</summary>
internal static class SqliteFailures
{
    // Primary result codes; extended codes keep them in the low byte.
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;

    public static StorageFailure? Of(Exception exception) =>
        exception is SqliteException sqlite ? OfCode(sqlite.SqliteErrorCode) : null;

    /// <summary>The failure a SQLite result code stands for; null for codes that are not about storage.</summary>
    public static StorageFailure? OfCode(int resultCode) => (resultCode & 0xFF) switch
    {
        SqliteBusy or SqliteLocked => StorageFailure.DatabaseBusy,
        SqliteFull => StorageFailure.DiskFull,
        SqliteReadOnly => StorageFailure.ReadOnly,
        SqliteIoError or SqliteCantOpen => StorageFailure.Unavailable,
        _ => null,
    };
}
