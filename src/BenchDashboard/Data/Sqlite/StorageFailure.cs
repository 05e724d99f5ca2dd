using Microsoft.Data.Sqlite;

namespace BenchDashboard.Data.Sqlite;

/// <summary>
/// A SQLite error that is about the database's situation rather than a bug in the request: another writer holds the
/// lock, the disk (or the size limit) is full, the file cannot be written or read. Each is told in plain words, with a
/// 503 (the service cannot do it now) instead of a 500; only a busy database says when to try again (decision 0021).
/// </summary>
public sealed record StorageFailure(string Title, string Detail, bool Busy)
{
    /// <summary>
    /// How long a request waits for another writer before it gives up (SQLite's busy timeout, set on every connection
    /// unless the connection string names one), and so what <c>Retry-After</c> says: a writer that held the lock this
    /// long is a long import, and asking again sooner mostly waits again.
    /// </summary>
    public const int BusyTimeoutSeconds = 5;

    // SQLite's primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;

    public static readonly StorageFailure DatabaseBusy = new("Database busy",
        $"Another write to the database is in progress; nothing from this request was stored. Try again in {BusyTimeoutSeconds} seconds.", Busy: true);

    public static readonly StorageFailure DiskFull = new("Storage full",
        "The server's disk (or its database size limit) is full, so nothing from this request was stored. An administrator has to free space; reading still works.",
        Busy: false);

    public static readonly StorageFailure ReadOnly = new("Storage read-only",
        "The server cannot write to its database file, so nothing from this request was stored. An administrator has to make the file and its folder writable; reading still works.",
        Busy: false);

    public static readonly StorageFailure Unavailable = new("Storage unavailable",
        "The server could not read or write its database file (an input/output error), so this request was not completed. An administrator has to check the disk.",
        Busy: false);

    /// <summary>The failure an exception (or any exception inside it, as EF wraps SQLite's) stands for; null for anything else.</summary>
    public static StorageFailure? Of(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite && OfCode(sqlite.SqliteErrorCode) is { } failure) return failure;
        }
        return null;
    }

    /// <summary>The failure a SQLite result code stands for; null for codes that are not about storage.</summary>
    public static StorageFailure? OfCode(int resultCode) => (resultCode & 0xFF) switch
    {
        SqliteBusy or SqliteLocked => DatabaseBusy,
        SqliteFull => DiskFull,
        SqliteReadOnly => ReadOnly,
        SqliteIoError or SqliteCantOpen => Unavailable,
        _ => null,
    };
}
