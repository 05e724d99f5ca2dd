using Microsoft.Data.Sqlite;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// What trace and feedback imports share: an insert that ignores known ids, a lookup of the stored row for
/// duplicate-or-conflict, and the rollup totals added at the end of the transaction.
/// </summary>
internal abstract class EventSink<TRow> : IRowSink<TRow>, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _transaction;

    protected EventSink(SqliteConnection connection, SqliteTransaction? transaction, int projectId, string insertSql, string[] insertParameters,
        string existingSql)
    {
        _connection = connection;
        _transaction = transaction;
        ProjectId = projectId;
        Rollups = new RollupDeltas(projectId);
        Insert = SqliteCommands.Prepare(connection, transaction, insertSql, insertParameters);
        Existing = SqliteCommands.Prepare(connection, transaction, existingSql, "$p", "$id");
    }

    public int ProjectId { get; }
    protected RollupDeltas Rollups { get; }
    protected SqliteCommand Insert { get; }
    /// <summary>Selects the stored row by <c>$p</c> (project) and <c>$id</c>.</summary>
    protected SqliteCommand Existing { get; }

    public abstract string IdField { get; }
    public abstract IReadOnlyList<string> PreviewColumns { get; }
    public abstract string IdOf(TRow row);
    public abstract IReadOnlyList<string> PreviewCells(TRow row);

    /// <summary>Binds and runs <see cref="Insert"/>; true when a row was inserted (and counted in the rollups).</summary>
    protected abstract bool TryInsert(TRow row);

    /// <summary>The first field that differs from the stored row, or null when they are the same.</summary>
    protected abstract string? Difference(SqliteDataReader stored, TRow row);

    public RowOutcome Check(TRow row, out string? difference) => Compare(row, out difference) ?? RowOutcome.Inserted;

    public RowOutcome Store(TRow row, out string? difference)
    {
        difference = null;
        if (TryInsert(row)) return RowOutcome.Inserted;
        return Compare(row, out difference) ?? throw new InvalidOperationException($"{IdField} {IdOf(row)} was neither inserted nor found.");
    }

    private RowOutcome? Compare(TRow row, out string? difference)
    {
        difference = null;
        using var reader = Existing.Set("$p", ProjectId).Set("$id", IdOf(row)).ExecuteReader();
        if (!reader.Read()) return null;
        difference = Difference(reader, row);
        return difference is null ? RowOutcome.Duplicate : RowOutcome.Conflict;
    }

    public void Complete()
    {
        var transaction = _transaction ?? throw new InvalidOperationException("A dry run completes nothing.");
        BeforeRollupsApply(_connection, transaction);
        Rollups.ApplyTo(_connection, transaction);
    }

    /// <summary>Last additions to <see cref="Rollups"/> once every row is stored (work better done once per request).</summary>
    protected virtual void BeforeRollupsApply(SqliteConnection connection, SqliteTransaction transaction)
    {
    }

    public void Dispose()
    {
        Insert.Dispose();
        Existing.Dispose();
    }
}
