using Npgsql;

namespace BenchDashboard.Data.Postgres;

/// <summary>
/// Inserts up to <see cref="RowsPerStatement"/> rows per statement: each column travels as one array and
/// <c>unnest</c> turns them back into rows, so a batch costs one round trip instead of one per row.
/// </summary>
/// <remarks>
/// Where stored keys are to be skipped, a batch is first tried as a plain INSERT inside a savepoint, and only when that
/// meets a stored key is it rolled back to the savepoint and written again with <c>ON CONFLICT DO NOTHING RETURNING
/// key</c>, which tells the skipped rows apart. PostgreSQL's speculative insertion made every insert cost half as much
/// again as a plain one (184 against 126 ms for 5,000 events, a COPY of them 124 ms), while almost every batch an
/// ingesting client sends is new; a resent batch pays its failed first try once (a line in the server's log). Each
/// savepoint stays a subtransaction until commit, and more than 64 in one transaction slow every other session's
/// snapshots, so one insert tries at most <see cref="OptimisticTries"/> batches that way, and none after the first
/// conflict (a client that resends one batch often resends the next).
/// </remarks>
internal sealed class PostgresBatchInsert : BatchInsert
{
    /// <summary>Large enough that round trips vanish in the cost, small enough to keep one statement's arrays modest.</summary>
    private const int RowsPerStatement = 5_000;

    /// <summary>Batches tried as a plain insert in a savepoint, well below the 64 subtransactions a session caches.</summary>
    private const int OptimisticTries = 32;

    private const string Savepoint = "batch_insert";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    /// <summary>Without a conflict clause when the spec skips conflicts (the optimistic try); with it otherwise.</summary>
    private readonly string _insertSql;
    /// <summary>The skipping insert (<c>ON CONFLICT DO NOTHING RETURNING key</c>); null when the spec skips nothing.</summary>
    private readonly string? _skippingSql;
    private int _optimisticTriesLeft = OptimisticTries;

    public PostgresBatchInsert(NpgsqlConnection connection, NpgsqlTransaction transaction, BatchInsertSpec spec) : base(spec)
    {
        _connection = connection;
        _transaction = transaction;
        var columns = string.Join(", ", spec.Columns.Select(c => $"\"{c.Name}\""));
        var arrays = string.Join(", ", spec.Columns.Select((_, i) => $"@c{i}"));
        var insert = $"INSERT INTO \"{spec.Table}\" ({columns}) SELECT * FROM unnest({arrays})";
        var key = spec.TellsSkipped || spec.ReturnsIds ? $"\"{spec.Columns[KeyOf(spec)].Name}\"" : null;
        var returns = spec.ReturnsIds ? $" RETURNING {key}, \"Id\"" : "";
        _insertSql = spec.Conflict is { Skips: false } upsert ? insert + upsert.Clause(spec.Table) + returns : insert + returns;
        if (spec.TellsSkipped) _skippingSql = insert + spec.Conflict!.Clause(spec.Table) + (spec.ReturnsIds ? returns : $" RETURNING {key}");
    }

    private static int KeyOf(BatchInsertSpec spec) =>
        spec.KeyColumn ?? throw new InvalidOperationException($"The insert into {spec.Table} tells rows apart, so it needs a key column.");

    public override void Execute(IReadOnlyList<object?[]> rows, Span<bool> inserted, Span<long> ids)
    {
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            ExecuteChunk(rows, start, count, inserted.Slice(start, count), Spec.ReturnsIds ? ids.Slice(start, count) : default);
        }
    }

    private void ExecuteChunk(IReadOnlyList<object?[]> rows, int start, int count, Span<bool> inserted, Span<long> ids)
    {
        if (_skippingSql is null)
        {
            Run(_insertSql, rows, start, count, ids, default);
            inserted.Fill(true);
        }
        else if (_optimisticTriesLeft > 0 && TryWithoutConflicts(rows, start, count, ids))
        {
            inserted.Fill(true);
        }
        else
        {
            inserted.Clear();
            Run(_skippingSql, rows, start, count, ids, inserted);
        }
    }

    /// <summary>The plain insert in a savepoint; false (and nothing written) when a row's key is stored already.</summary>
    private bool TryWithoutConflicts(IReadOnlyList<object?[]> rows, int start, int count, Span<long> ids)
    {
        _optimisticTriesLeft--;
        _transaction.Save(Savepoint);
        try
        {
            Run(_insertSql, rows, start, count, ids, default);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            _transaction.Rollback(Savepoint);
            _optimisticTriesLeft = 0;
            return false;
        }
        _transaction.Release(Savepoint);
        return true;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> over rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>
    /// of <paramref name="rows"/>; the skipping insert passes <paramref name="inserted"/> (otherwise empty), set for each
    /// row whose key came back, the rows it wrote, and <paramref name="ids"/> gets the generated ids when the spec wants them.
    /// </summary>
    private void Run(string sql, IReadOnlyList<object?[]> rows, int start, int count, Span<long> ids, Span<bool> inserted)
    {
        using var command = new NpgsqlCommand(sql, _connection, _transaction);
        for (var c = 0; c < Spec.Columns.Count; c++)
        {
            var column = Array.CreateInstance(Spec.Columns[c].ClrType, count);
            for (var r = 0; r < count; r++)
            {
                var value = rows[start + r][c];
                column.SetValue(value is DateTime t ? PostgresDialect.Instance.AsStored(t) : value, r);
            }
            command.Parameters.AddWithValue($"c{c}", column);
        }
        var skipping = !inserted.IsEmpty;
        if (!skipping && !Spec.ReturnsIds)
        {
            command.ExecuteNonQuery();
            return;
        }
        // Keys are unique within a batch (the import engine refuses an id sent twice), so a returned key names its row.
        var key = KeyOf(Spec);
        var rowOfKey = new Dictionary<object, int>(count);
        for (var r = 0; r < count; r++) rowOfKey[rows[start + r][key]!] = r;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var r = rowOfKey[reader.GetValue(0)];
            if (skipping) inserted[r] = true;
            if (Spec.ReturnsIds) ids[r] = Convert.ToInt64(reader.GetValue(1));
        }
    }
}
