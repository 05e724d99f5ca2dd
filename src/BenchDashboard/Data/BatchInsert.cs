namespace BenchDashboard.Data;

/// <summary>
/// Inserts many rows of one table inside an import's transaction, the provider's fastest way (SQLite: one prepared
/// statement per row; PostgreSQL: a statement per few thousand rows over arrays). Tells which rows were inserted (a row
/// whose key already exists is skipped when the spec says so) and, if asked, their generated ids.
/// </summary>
internal abstract class BatchInsert(BatchInsertSpec spec) : IDisposable
{
    protected BatchInsertSpec Spec { get; } = spec;

    /// <summary>Writes the rows.</summary>
    /// <param name="rows">Values in the spec's column order.</param>
    /// <param name="inserted">Set to whether each row was new.</param>
    /// <param name="ids">When the spec returns ids: the new rows' ids (0 for a skipped row).</param>
    public abstract void Execute(IReadOnlyList<object?[]> rows, Span<bool> inserted, Span<long> ids);

    public virtual void Dispose()
    {
    }
}
