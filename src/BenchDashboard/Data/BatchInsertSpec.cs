namespace BenchDashboard.Data;

/// <summary>A column of a <see cref="BatchInsert"/> and the CLR type of its values (nullable where the column is).</summary>
internal sealed record BatchColumn(string Name, Type ClrType);

/// <summary>
/// What a <see cref="BatchInsert"/> writes: the table, its columns, the columns of the unique key whose conflicts are
/// skipped (none: every row must insert), the column that identifies a row in this batch (its values unique in the
/// batch), and whether the new rows' generated <c>"Id"</c> is wanted.
/// </summary>
internal sealed record BatchInsertSpec(string Table, IReadOnlyList<BatchColumn> Columns, IReadOnlyList<string>? SkipConflictsOn,
    int KeyColumn, bool ReturnsIds = false);
