using System.Data.Common;
using BenchDashboard.Data;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// What trace and feedback imports share: a batch insert that skips known ids, one lookup of the stored rows for the
/// skipped ones (duplicate or conflict), and the rollup totals added at the end of the transaction.
/// </summary>
internal abstract class EventSink<TRow> : IRowSink<TRow>, IDisposable
{
    private readonly BatchInsert? _insert;
    private readonly string _existingSql;

    /// <param name="session">The import's connection and transaction.</param>
    /// <param name="insert">The table and columns written; its key column holds <see cref="IdOf"/>.</param>
    /// <param name="existingSql">
    /// Selects the stored rows of the project <c>@p</c> among the ids in <c>@ids</c> (from the dialect's
    /// <see cref="SqlDialect.FromRowsAmongIds"/>), the id first, then what <see cref="Difference"/> compares.
    /// </param>
    protected EventSink(ImportSession session, BatchInsertSpec insert, string existingSql)
    {
        Session = session;
        Rollups = new RollupDeltas(session.ProjectId);
        _insert = session.Transaction is { } transaction ? session.Dialect.PrepareBatchInsert(session.Connection, transaction, insert) : null;
        _existingSql = existingSql;
    }

    protected ImportSession Session { get; }
    protected SqlDialect Dialect => Session.Dialect;
    public int ProjectId => Session.ProjectId;
    protected RollupDeltas Rollups { get; }

    public abstract string IdField { get; }

    /// <inheritdoc cref="IRowSink{TRow}.DefersProjectTurn"/>
    public virtual bool DefersProjectTurn => false;
    public abstract IReadOnlyList<string> PreviewColumns { get; }
    public abstract string IdOf(TRow row);
    public abstract IReadOnlyList<string> PreviewCells(TRow row);

    /// <summary>The row's values in the insert's column order.</summary>
    protected abstract object?[] Values(TRow row);

    /// <summary>Counts a row that was inserted (rollups and what the end of the request needs).</summary>
    protected abstract void Inserted(TRow row);

    /// <summary>The first field that differs from the stored row (columns from 1 on, as the lookup selects them), or null when the same.</summary>
    protected abstract string? Difference(DbDataReader stored, TRow row);

    public RowResult[] Check(IReadOnlyList<TRow> rows)
    {
        var results = new RowResult[rows.Count];
        Compare(rows, Enumerable.Range(0, rows.Count), results, RowOutcome.Inserted);
        return results;
    }

    public RowResult[] Store(IReadOnlyList<TRow> rows)
    {
        var insert = _insert ?? throw new InvalidOperationException("A dry run stores nothing.");
        var results = new RowResult[rows.Count];
        var inserted = new bool[rows.Count];
        insert.Execute(rows.Select(Values).ToList(), inserted, default);
        var skipped = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (inserted[i])
            {
                results[i] = new RowResult(RowOutcome.Inserted);
                Inserted(rows[i]);
            }
            else
            {
                skipped.Add(i);
            }
        }
        if (skipped.Count > 0) Compare(rows, skipped, results, notFound: null);
        return results;
    }

    /// <summary>Duplicate or conflict for each of <paramref name="indexes"/>; a row not stored gets <paramref name="notFound"/>.</summary>
    private void Compare(IReadOnlyList<TRow> rows, IEnumerable<int> indexes, RowResult[] results, RowOutcome? notFound)
    {
        var byId = indexes.ToDictionary(i => IdOf(rows[i]), StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        Session.ForEachRowOfIds(_existingSql, byId.Keys, stored =>
        {
            var id = stored.GetString(0);
            var i = byId[id];
            found.Add(id);
            var difference = Difference(stored, rows[i]);
            results[i] = new RowResult(difference is null ? RowOutcome.Duplicate : RowOutcome.Conflict, difference);
        });
        foreach (var (id, i) in byId)
        {
            if (found.Contains(id)) continue;
            results[i] = new RowResult(notFound ?? throw new InvalidOperationException($"{IdField} {id} was neither inserted nor found."));
        }
    }

    public void Complete()
    {
        BeforeRollupsApply();
        Rollups.ApplyTo(Session);
    }

    /// <summary>Last additions to <see cref="Rollups"/> once every row is stored (work better done once per request).</summary>
    protected virtual void BeforeRollupsApply()
    {
    }

    public void Dispose() => _insert?.Dispose();
}
