using System.Data.Common;
using BenchDashboard.Data;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// One import's connection, its write transaction (none in a dry run, which only reads) and the provider's
/// <see cref="SqlDialect"/>: what every sink and rollup writer of the import shares.
/// </summary>
internal sealed record ImportSession(DbConnection Connection, DbTransaction? Transaction, SqlDialect Dialect, int ProjectId)
{
    /// <summary>The write transaction; a dry run asking for it is a bug.</summary>
    public DbTransaction WriteTransaction => Transaction ?? throw new InvalidOperationException("A dry run writes nothing.");

    public DbCommand Prepare(string sql, params string[] parameters) => DbCommands.Prepare(Connection, Transaction, sql, parameters);

    /// <summary>Runs <paramref name="sql"/> with <c>@p</c> (the project) and <c>@ids</c> (the distinct ids, a chunk at a time), reading every row.</summary>
    public void ForEachRowOfIds(string sql, IEnumerable<string> ids, Action<DbDataReader> read)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return;
        using var command = Prepare(sql, "@p", "@ids");
        command.Set("@p", ProjectId);
        for (var start = 0; start < distinct.Count; start += IdsPerStatement)
        {
            command.Set("@ids", Dialect.IdsValue(distinct.GetRange(start, Math.Min(IdsPerStatement, distinct.Count - start))));
            using var reader = command.ExecuteReader();
            while (reader.Read()) read(reader);
        }
    }

    /// <summary>Ids per statement: large enough that statement overhead vanishes, small enough to keep the parameter modest.</summary>
    private const int IdsPerStatement = 5_000;
}
