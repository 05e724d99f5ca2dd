using Npgsql;

namespace BenchDashboard.Data.Postgres;

/// <summary>
/// Inserts up to <see cref="RowsPerStatement"/> rows per statement: each column travels as one array and
/// <c>unnest</c> turns them back into rows, so a batch costs one round trip instead of one per row. Skipped rows
/// (<c>ON CONFLICT DO NOTHING</c>) are told apart by the keys the statement returns.
/// </summary>
internal sealed class PostgresBatchInsert(NpgsqlConnection connection, NpgsqlTransaction transaction, BatchInsertSpec spec) : BatchInsert(spec)
{
    /// <summary>Large enough that round trips vanish in the cost, small enough to keep one statement's arrays modest.</summary>
    private const int RowsPerStatement = 5_000;

    private readonly string _sql = Sql(spec);

    private static string Sql(BatchInsertSpec spec)
    {
        var columns = string.Join(", ", spec.Columns.Select(c => $"\"{c.Name}\""));
        var arrays = string.Join(", ", spec.Columns.Select((_, i) => $"@c{i}"));
        var returns = "";
        if (spec.TellsSkipped || spec.ReturnsIds)
        {
            var key = $"\"{spec.Columns[KeyOf(spec)].Name}\"";
            returns = spec.ReturnsIds ? $" RETURNING {key}, \"Id\"" : $" RETURNING {key}";
        }
        return $"INSERT INTO \"{spec.Table}\" ({columns}) SELECT * FROM unnest({arrays}){spec.Conflict?.Clause(spec.Table)}{returns}";
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
        using var command = new NpgsqlCommand(_sql, connection, transaction);
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
        var returnsRows = Spec.TellsSkipped || Spec.ReturnsIds;
        if (!returnsRows)
        {
            command.ExecuteNonQuery();
            inserted.Fill(true);
            return;
        }
        // Keys are unique within a batch (the import engine refuses an id sent twice), so a returned key names its row.
        var rowOfKey = new Dictionary<object, int>(count);
        for (var r = 0; r < count; r++) rowOfKey[rows[start + r][KeyOf(Spec)]!] = r;
        inserted.Clear();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var r = rowOfKey[reader.GetValue(0)];
            inserted[r] = true;
            if (Spec.ReturnsIds) ids[r] = Convert.ToInt64(reader.GetValue(1));
        }
    }
}
