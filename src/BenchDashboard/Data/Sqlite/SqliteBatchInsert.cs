using Microsoft.Data.Sqlite;
using static SQLitePCL.raw;

namespace BenchDashboard.Data.Sqlite;

/// <summary>
/// One prepared INSERT run per row: in-process SQLite has no round trip to save, and a statement per row is what its
/// fastest bulk loads do. The new row's id comes straight from SQLite (a RETURNING clause costs a data reader per row).
/// </summary>
internal sealed class SqliteBatchInsert : BatchInsert
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;

    public SqliteBatchInsert(SqliteConnection connection, SqliteTransaction transaction, BatchInsertSpec spec) : base(spec)
    {
        _connection = connection;
        var columns = string.Join(", ", spec.Columns.Select(c => $"\"{c.Name}\""));
        var values = string.Join(", ", spec.Columns.Select((_, i) => $"@c{i}"));
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText = $"INSERT INTO \"{spec.Table}\" ({columns}) VALUES ({values}){spec.Conflict?.Clause(spec.Table)}";
        for (var i = 0; i < spec.Columns.Count; i++) _insert.Parameters.Add(new SqliteParameter { ParameterName = $"@c{i}" });
        _insert.Prepare();
    }

    public override void Execute(IReadOnlyList<object?[]> rows, Span<bool> inserted, Span<long> ids)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var c = 0; c < row.Length; c++)
            {
                _insert.Parameters[c].Value = row[c] is DateTime t ? SqliteDialect.Instance.Timestamp(t) : row[c] ?? DBNull.Value;
            }
            inserted[r] = _insert.ExecuteNonQuery() == 1;
            if (Spec.ReturnsIds) ids[r] = inserted[r] ? sqlite3_last_insert_rowid(_connection.Handle) : 0;
        }
    }

    public override void Dispose() => _insert.Dispose();
}
