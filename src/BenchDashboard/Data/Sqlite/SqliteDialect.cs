using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using BenchDashboard.Infrastructure.Api;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Data.Sqlite;

/// <summary>SQLite's side of <see cref="SqlDialect"/>: times are ISO text, ids travel as one JSON array.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public override bool PreparesExplicitly => true;

    public override int RowsPerBatch => 256;

    /// <summary>SQLite has one writer: BEGIN IMMEDIATE takes the write lock up front (waiting the busy timeout).</summary>
    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <summary>The database's one write lock, taken when the transaction began, is every project's turn.</summary>
    public override Task TakeProjectTurnAsync(DbConnection connection, DbTransaction transaction, int projectId, CancellationToken ct) =>
        Task.CompletedTask;

    /// <remarks>
    /// The ids travel as one JSON array, read with <c>json_each</c>. CROSS JOIN makes SQLite walk the ids and probe the
    /// table's index for each; with a plain JOIN its planner scanned every row of the project once per id.
    /// </remarks>
    public override string FromRowsAmongIds(string table, string alias, string parameter) =>
        $"json_each({parameter}) AS j CROSS JOIN \"{table}\" {alias}";

    public override string AmongIds(string alias, string idColumn, string parameter) => $"{alias}.\"{idColumn}\" = j.value";

    public override object IdsValue(IEnumerable<string> ids) => JsonSerializer.Serialize(ids);

    public override string DayOf(string timestampColumn) => $"substr({timestampColumn}, 1, 10)";

    public override DateOnly ReadDay(DbDataReader reader, int ordinal) =>
        DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override object Timestamp(DateTime utc) => Timestamps.ToStorage(utc);

    public override DateTime ReadTimestamp(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public override DateTime AsStored(DateTime utc) => utc;

    public override BatchInsert PrepareBatchInsert(DbConnection connection, DbTransaction transaction, BatchInsertSpec spec) =>
        new SqliteBatchInsert((SqliteConnection)connection, (SqliteTransaction)transaction, spec);
}
