namespace BenchDashboard.Data;

/// <summary>The one line an operator reads when the database stops the start: which database, what is wrong, what to do.</summary>
internal static class StartupFailureMessage
{
    public static string For(StorageFailure failure, DatabaseProvider provider, string dataSource, string providerMessage) =>
        provider == DatabaseProvider.Postgres ? ForPostgres(failure, dataSource, providerMessage) : ForSqlite(failure, dataSource, providerMessage);

    private static string ForSqlite(StorageFailure failure, string databasePath, string sqliteMessage)
    {
        var problem = failure == StorageFailure.ReadOnly
            ? "is read-only, and BenchDashboard must write to it. Give the account the app runs as write access to the file and its " +
              "folder (SQLite creates the -wal and -shm files next to it), or point ConnectionStrings:Default at a writable file"
            : failure == StorageFailure.DiskFull
                ? "cannot grow: the disk is full. Free space on that disk or move the file, then start again"
                : failure.Busy
                    ? $"stayed locked by another process for more than {StorageFailure.BusyTimeoutSeconds} seconds (another BenchDashboard " +
                      "instance on the same file?). Stop that process or wait until it is done, then start again"
                    : "could not be opened or read. Check that its folder exists and is readable and writable by the account the app " +
                      "runs as, and that the disk is healthy";
        return $"BenchDashboard cannot start: the database {databasePath} {problem}. (SQLite: {sqliteMessage})";
    }

    private static string ForPostgres(StorageFailure failure, string server, string postgresMessage)
    {
        var problem = failure == StorageFailure.ReadOnly
            ? "accepts no writes (a standby, or default_transaction_read_only). Point ConnectionStrings:Default at the primary"
            : failure == StorageFailure.DiskFull
                ? "has a full disk. Free space on the database server, then start again"
                : failure.Busy
                    ? "is too busy (no connection or lock came free in time). Start again when it is less loaded"
                    : "could not be reached or refused the login. Check that the server runs, that Host, Port, Database, Username and " +
                      "Password in ConnectionStrings:Default are right, and that the database exists";
        return $"BenchDashboard cannot start: the PostgreSQL server {server} {problem}. (PostgreSQL: {postgresMessage})";
    }
}
