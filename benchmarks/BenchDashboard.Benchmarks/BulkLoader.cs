using Microsoft.Data.Sqlite;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Fills a migrated database directly, with the app not running: production traces and feedback events day by day, in big
/// transactions, then the bench history (<see cref="BenchHistoryLoader"/>), then DailyRollups rebuilt with the migration's
/// own statement. This is set-up, not a measurement, so it may cut corners the app must not (synchronous=OFF on this
/// connection only; nothing of it is stored in the file).
/// </summary>
internal sealed class BulkLoader(SqliteConnection connection, int projectId, int seed)
{
    public const int TracesPerDay = 1_500;
    private const int RowsPerTransaction = 500_000;

    /// <summary>The categories of traces and bench cases alike, so the input-drift rule compares like with like.</summary>
    public static readonly string[] Categories = ["billing", "shipping", "returns", "account", "product questions", "general"];

    private readonly EventMix _mix = new(seed);
    private SqliteTransaction? _transaction;
    private int _rowsInTransaction;

    public long Traces { get; private set; }

    /// <summary>
    /// <see cref="TracesPerDay"/> traces a day (<c>tr-DDD-NNNN</c>), then <paramref name="events"/> events spread evenly over the
    /// days (<c>ev-NNNNNNNN</c>), every 5th pointing at one of that day's traces; then the bench history.
    /// </summary>
    public void Load(int events, Action<string> progress)
    {
        connection.Execute("PRAGMA synchronous=OFF;");
        connection.Execute("PRAGMA cache_size=-262144;");
        LoadTracesAndEvents(events, progress);
        LoadBenchHistory();
        connection.Execute("PRAGMA synchronous=FULL;");
    }

    private void LoadTracesAndEvents(int events, Action<string> progress)
    {
        using var trace = connection.Prepare("""
            INSERT INTO ProductionTraces (ProjectId, TraceId, Timestamp, Input, Category) VALUES ($p, $tr, $t, $in, $cat)
            """, transaction: null, "$p", "$tr", "$t", "$in", "$cat");
        trace.Parameters["$p"].Value = projectId;
        using var feedback = new FeedbackInserter(connection, projectId);

        long n = 0;
        for (var day = 0; day < EventMix.Days; day++)
        {
            Begin();
            trace.Transaction = _transaction;
            for (var k = 0; k < TracesPerDay; k++)
            {
                trace.Parameters["$tr"].Value = TraceId(day, k);
                trace.Parameters["$t"].Value = FeedbackEvent.ToStorage(_mix.NextTimestampOn(day));
                trace.Parameters["$in"].Value = $"benchmark question {k} of day {day}";
                // Round robin, not drawn: a draw would shift the seeded event stream and with it every earlier figure.
                trace.Parameters["$cat"].Value = Categories[k % Categories.Length];
                trace.ExecuteNonQuery();
                Traces++;
            }
            _rowsInTransaction += TracesPerDay;

            var today = events / EventMix.Days + (day < events % EventMix.Days ? 1 : 0);
            for (var i = 0; i < today; i++)
            {
                n++;
                var e = _mix.Next($"ev-{n:D8}", n % 5 == 0 ? TraceId(day, _mix.NextInt(TracesPerDay)) : null, _mix.NextTimestampOn(day));
                feedback.Transaction = _transaction;
                feedback.Insert(e.EventId, e.TraceId, e.StoredTimestamp, e.StoredKind, e.Value);
                if (++_rowsInTransaction >= RowsPerTransaction)
                {
                    Commit();
                    Begin();
                    trace.Transaction = _transaction;
                }
            }
            if ((day + 1) % 30 == 0) progress($"     … day {day + 1} of {EventMix.Days}, {Report.N0(n)} events");
        }
        Commit();
    }

    /// <summary>The bench's cases, versions, runs and results: ~151,000 rows, one transaction.</summary>
    private void LoadBenchHistory()
    {
        using var transaction = connection.BeginTransaction();
        new BenchHistoryLoader(connection, transaction, projectId, seed + 1).Load();
        transaction.Commit();
    }

    /// <summary>DailyRollups rebuilt from raw rows by the last statement of the ingestion migration (read from the script).</summary>
    public void RebuildRollups()
    {
        using var transaction = connection.BeginTransaction();
        // The statement rebuilds every project's rollups, so all are cleared first.
        connection.Execute("DELETE FROM DailyRollups;", transaction);
        connection.Execute(RepoPaths.RollupRebuildSql(), transaction);
        transaction.Commit();
    }

    /// <summary>DailyInputLengths rebuilt from raw traces by the backfill of the input-length migration (read from the script).</summary>
    public void RebuildInputLengths()
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute("DELETE FROM DailyInputLengths;", transaction);
        connection.Execute(RepoPaths.InputLengthsBackfillSql(), transaction);
        transaction.Commit();
    }

    private static string TraceId(int day, int k) => $"tr-{day:D3}-{k:D4}";

    private void Begin()
    {
        _transaction ??= connection.BeginTransaction();
    }

    private void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
        _rowsInTransaction = 0;
    }
}
