using System.Data.Common;
using BenchDashboard.Data.Postgres;
using BenchDashboard.Data.Sqlite;
using Npgsql;

namespace BenchDashboard.Data;

/// <summary>
/// Where the raw SQL of imports and maintenance differs between providers (decision 0025): how a write transaction
/// starts, how many ids travel as one parameter, how a stored time is written, read and cut to a day, and how rows are
/// inserted in bulk. Everything else in those statements is SQL both providers read the same way (quoted PascalCase
/// identifiers, <c>@name</c> parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>).
/// </summary>
internal abstract class SqlDialect
{
    public static SqlDialect Of(DbConnection connection) =>
        connection is NpgsqlConnection ? PostgresDialect.Instance : SqliteDialect.Instance;

    public abstract bool PreparesExplicitly { get; }

    /// <summary>
    /// Rows an import hands from its parser to its writer at a time, and so writes per <see cref="BatchInsert"/> call.
    /// Small where each row is its own statement anyway (parsing and writing overlap more finely), large where a batch
    /// costs a round trip.
    /// </summary>
    public abstract int RowsPerBatch { get; }

    /// <summary>
    /// Starts the transaction of a write that changes a project's rows, and takes the project's turn at once
    /// (<see cref="TakeProjectTurnAsync"/>).
    /// </summary>
    public async Task<DbTransaction> BeginProjectWriteAsync(DbConnection connection, int projectId, CancellationToken ct)
    {
        var transaction = await BeginWriteAsync(connection, ct);
        try
        {
            await TakeProjectTurnAsync(connection, transaction, projectId, ct);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a write transaction without the project's turn yet: for a write whose first statements only insert rows
    /// that unique keys guard, and which takes the turn before it reads what other writers add (an import of feedback,
    /// <see cref="Features.Ingestion.IRowSink{TRow}.DefersProjectTurn"/>). Its waits are bounded like the turn's.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);

    /// <summary>
    /// Takes the project's turn inside <paramref name="transaction"/>, held until it ends. Writes to one project take
    /// turns (rollups and per-trace counts are read and added within the transaction), waiting at most
    /// <see cref="StorageFailure.BusyTimeoutSeconds"/> for the turn before failing as a busy database.
    /// </summary>
    public abstract Task TakeProjectTurnAsync(DbConnection connection, DbTransaction transaction, int projectId, CancellationToken ct);

    /// <summary>
    /// The FROM item that reads the rows of <paramref name="table"/> (as <paramref name="alias"/>) whose id is among the
    /// ids passed in <paramref name="parameter"/>; the WHERE clause names the id column with <see cref="AmongIds"/>.
    /// </summary>
    public abstract string FromRowsAmongIds(string table, string alias, string parameter);

    /// <summary>The condition, for the WHERE clause, that pairs with <see cref="FromRowsAmongIds"/>.</summary>
    public abstract string AmongIds(string alias, string idColumn, string parameter);

    /// <summary>The value to bind to the parameter of <see cref="FromRowsAmongIds"/>.</summary>
    public abstract object IdsValue(IEnumerable<string> ids);

    /// <summary>The UTC day of a stored time column, as SQL; read it back with <see cref="ReadDay"/>.</summary>
    public abstract string DayOf(string timestampColumn);

    public abstract DateOnly ReadDay(DbDataReader reader, int ordinal);

    /// <summary>A UTC time as the provider stores it.</summary>
    public abstract object Timestamp(DateTime utc);

    public abstract DateTime ReadTimestamp(DbDataReader reader, int ordinal);

    /// <summary>A time as it reads back once stored (PostgreSQL keeps microseconds), so a resend compares equal.</summary>
    public abstract DateTime AsStored(DateTime utc);

    public abstract BatchInsert PrepareBatchInsert(DbConnection connection, DbTransaction transaction, BatchInsertSpec spec);
}
