using Npgsql;

namespace BenchDashboard.Data.Postgres;

/// <summary>
/// Which PostgreSQL errors are a <see cref="StorageFailure"/> (SQLSTATE codes,
/// https://www.postgresql.org/docs/15/errcodes-appendix.html). Constraint violations and syntax errors are not: those
/// are bugs or races the code handles itself.
/// </summary>
internal static class PostgresFailures
{
    public static StorageFailure? Of(Exception exception) => exception switch
    {
        PostgresException pg => OfSqlState(pg.SqlState),
        // Npgsql's own: the server cannot be reached, or no pooled connection came free in time (a busy instance).
        NpgsqlException { InnerException: TimeoutException } => StorageFailure.DatabaseBusy,
        NpgsqlException => StorageFailure.Unavailable,
        _ => null,
    };

    public static StorageFailure? OfSqlState(string sqlState) => sqlState switch
    {
        // lock_not_available (lock_timeout), deadlock_detected, serialization_failure, too_many_connections
        "55P03" or "40P01" or "40001" or "53300" => StorageFailure.DatabaseBusy,
        "53100" => StorageFailure.DiskFull,
        // read_only_sql_transaction: a standby, or default_transaction_read_only
        "25006" => StorageFailure.ReadOnly,
        // the server shutting down or starting, the database missing, the login refused, the connection lost
        "57P01" or "57P02" or "57P03" or "3D000" or "28000" or "28P01" => StorageFailure.Unavailable,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => StorageFailure.Unavailable,
        _ => null,
    };
}
