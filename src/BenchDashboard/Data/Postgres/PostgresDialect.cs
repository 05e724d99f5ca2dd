using System.Data.Common;
using Npgsql;

namespace BenchDashboard.Data.Postgres;

/// <summary>PostgreSQL's side of <see cref="SqlDialect"/>: times are <c>timestamptz</c>, ids travel as one <c>text[]</c>.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override bool PreparesExplicitly => false;

    /// <summary>
    /// Writers of different projects run side by side; writers of one project take turns on a transaction-scoped
    /// advisory lock, released at commit or rollback (also when an instance dies mid-import). The lock timeout turns a
    /// long wait into the busy answer SQLite gives.
    /// </summary>
    /// <remarks>
    /// <c>random_page_cost</c> is lowered for the transaction only: a write looks up a batch's ids (1,000–5,000) in big
    /// indexed tables (<see cref="IdTable"/> joined to traces or events). At PostgreSQL's default of 4, meant for
    /// spinning disks, the planner prefers hashing the whole table for a few thousand index probes until the table
    /// holds several hundred thousand rows, so each batch paid a full scan of the project's traces and events (measured
    /// 45 and 216 ms against 5 and 14 ms for the probes, 1,250 ids, issue 13's benchmark). 1.1 is the usual value for
    /// data on SSDs or in cache; set-wide statements in the same transaction (a rollup rebuild) still hash.
    /// </remarks>
    public override async Task<DbTransaction> BeginProjectWriteAsync(DbConnection connection, int projectId, CancellationToken ct)
    {
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(
                $"SET LOCAL lock_timeout = '{StorageFailure.BusyTimeoutSeconds}s'; SET LOCAL random_page_cost = 1.1; SELECT pg_advisory_xact_lock({AdvisoryLocks.ProjectWrites}, @p);",
                (NpgsqlConnection)connection, transaction);
            command.Parameters.AddWithValue("p", projectId);
            await command.ExecuteNonQueryAsync(ct);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public override string IdTable(string parameter) => $"unnest({parameter}) AS j(value)";

    public override object IdTableValue(IEnumerable<string> ids) => ids as string[] ?? ids.ToArray();

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
