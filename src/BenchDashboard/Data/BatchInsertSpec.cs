namespace BenchDashboard.Data;

/// <summary>A column of a <see cref="BatchInsert"/> and the CLR type of its values (nullable where the column is).</summary>
internal sealed record BatchColumn(string Name, Type ClrType);

/// <summary>
/// What a <see cref="BatchInsert"/> does with a row whose unique <paramref name="Key"/> is already stored: skip it, or,
/// with <paramref name="AddedColumns"/>, add those columns' values to the stored row's (a counter upsert).
/// </summary>
internal sealed record OnConflict(IReadOnlyList<string> Key, IReadOnlyList<string>? AddedColumns = null)
{
    /// <summary>Skipped rows are not inserted; an adding upsert affects every row.</summary>
    public bool Skips => AddedColumns is null;

    /// <summary>The statement's ON CONFLICT clause, the same on both providers.</summary>
    /// <remarks>PostgreSQL wants the target's columns named with the table inside DO UPDATE; SQLite accepts that too.</remarks>
    public string Clause(string table) =>
        $" ON CONFLICT ({string.Join(", ", Key.Select(k => $"\"{k}\""))}) " + (AddedColumns is null
            ? "DO NOTHING"
            : "DO UPDATE SET " + string.Join(", ", AddedColumns.Select(c => $"\"{c}\" = \"{table}\".\"{c}\" + excluded.\"{c}\"")));
}

/// <summary>
/// What a <see cref="BatchInsert"/> writes: the table, its columns, what happens on a conflict of a unique key (none:
/// every row must insert), whether the new rows' generated <c>"Id"</c> is wanted, and, when rows must be told apart
/// (skipped ones, or ids), the column that identifies a row in the batch (its values unique in the batch).
/// </summary>
internal sealed record BatchInsertSpec(string Table, IReadOnlyList<BatchColumn> Columns, OnConflict? Conflict,
    int? KeyColumn = null, bool ReturnsIds = false)
{
    /// <summary>Whether the caller learns row by row which rows were new (the others were skipped as known).</summary>
    public bool TellsSkipped => Conflict is { Skips: true };
}
