using System.Data.Common;
using Npgsql;

namespace BenchDashboard.Data.Postgres;

/// <summary>PostgreSQL's side of <see cref="SqlDialect"/>: times are <c>timestamptz</c>, ids travel as one <c>text[]</c>.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override bool PreparesExplicitly => false;

    public override int RowsPerBatch => 1_000;

    /// <summary>The lock timeout bounds every wait of the transaction (a row another writer is inserting, the turn).</summary>
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
    {
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(
                $"SET LOCAL lock_timeout = '{StorageFailure.BusyTimeoutSeconds}s'", (NpgsqlConnection)connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Writers of different projects run side by side; writers of one project take turns on a transaction-scoped
    /// advisory lock, released at commit or rollback (also when an instance dies mid-import). The lock timeout set when
    /// the transaction began turns a long wait into the busy answer SQLite gives.
    /// </summary>
    public override async Task TakeProjectTurnAsync(DbConnection connection, DbTransaction transaction, int projectId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({AdvisoryLocks.ProjectWrites}, @p)", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("p", projectId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <remarks>
    /// The ids travel as one <c>text[]</c>, matched with <c>= ANY</c>, which the planner turns into index probes whatever
    /// its row estimates say. Joining <c>unnest(@ids)</c> instead let it hash the whole table for a few thousand ids once
    /// its statistics lagged behind a growing table (the ingest benchmark's lookups went from 5 to 216 ms per batch).
    /// </remarks>
    public override string FromRowsAmongIds(string table, string alias, string parameter) => $"\"{table}\" {alias}";

    public override string AmongIds(string alias, string idColumn, string parameter) => $"{alias}.\"{idColumn}\" = ANY({parameter})";

    public override object IdsValue(IEnumerable<string> ids) => ids as string[] ?? ids.ToArray();

    public override string DayOf(string timestampColumn) => $"(({timestampColumn}) AT TIME ZONE 'UTC')::date";

    public override DateOnly ReadDay(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    public override object Timestamp(DateTime utc) => AsStored(utc);

    public override DateTime ReadTimestamp(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    /// <summary><c>timestamptz</c> keeps microseconds: the 100 ns ticks below them are cut, as the server would.</summary>
    public override DateTime AsStored(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    public override BatchInsert PrepareBatchInsert(DbConnection connection, DbTransaction transaction, BatchInsertSpec spec) =>
        new PostgresBatchInsert((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, spec);
}
