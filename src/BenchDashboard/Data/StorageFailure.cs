using BenchDashboard.Data.Postgres;
using BenchDashboard.Data.Sqlite;

namespace BenchDashboard.Data;

/// <summary>
/// A database error that is about the database's situation rather than a bug in the request: another writer holds the
/// lock, the disk is full, the database cannot be written or reached. Each is told in plain words, with a 503 (the
/// service cannot do it now) instead of a 500; only a busy database says when to try again (decision 0021). Which
/// provider error stands for which failure is each provider's business (<see cref="SqliteFailures"/>,
/// <see cref="PostgresFailures"/>).
/// </summary>
public sealed record StorageFailure(string Title, string Detail, bool Busy)
{
    /// <summary>
    /// How long a request waits for another writer before it gives up (SQLite's busy timeout, PostgreSQL's lock timeout
    /// in imports), and so what <c>Retry-After</c> says: a writer that held the lock this long is a long import, and
    /// asking again sooner mostly waits again.
    /// </summary>
    public const int BusyTimeoutSeconds = 5;

    public static readonly StorageFailure DatabaseBusy = new("Database busy",
        $"Another write to the database is in progress; nothing from this request was stored. Try again in {BusyTimeoutSeconds} seconds.", Busy: true);

    public static readonly StorageFailure DiskFull = new("Storage full",
        "The server's disk (or its database size limit) is full, so nothing from this request was stored. An administrator has to free space; reading still works.",
        Busy: false);

    public static readonly StorageFailure ReadOnly = new("Storage read-only",
        "The server cannot write to its database, so nothing from this request was stored. An administrator has to make it writable; reading still works.",
        Busy: false);

    public static readonly StorageFailure Unavailable = new("Storage unavailable",
        "The server could not read or write its database (it cannot be reached, or an input/output error), so this request was not completed. An administrator has to check the database.",
        Busy: false);

    /// <summary>The failure an exception (or any exception inside it, as EF wraps the provider's) stands for; null for anything else.</summary>
    public static StorageFailure? Of(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if ((SqliteFailures.Of(e) ?? PostgresFailures.Of(e)) is { } failure) return failure;
        }
        return null;
    }
}
