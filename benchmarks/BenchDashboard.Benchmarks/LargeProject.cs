using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// The large project the trends and signals benchmarks measure: a template made by the app, then nine months of traces,
/// feedback events and bench history bulk-loaded into a copy (<see cref="BulkLoader"/>), with the rollups and input-length
/// histograms rebuilt by the migrations' own statements and every count checked.
/// </summary>
internal static class LargeProject
{
    public static async Task<(string Database, int ProjectId)> CreateAsync(BenchContext context, string slug, string fileName)
    {
        var template = await TemplateDatabase.CreateAsync(context, slug);
        var database = template.CopyTo(fileName);
        Load(context.Report, database, template.ProjectId, context.Options.TrendsEvents);
        return (database, template.ProjectId);
    }

    private static void Load(Report report, string database, int projectId, int events)
    {
        report.Line($"  bulk load (set-up, app not running): {Report.N0(BulkLoader.TracesPerDay)} production traces a day and the events spread evenly");
        report.Line("  over the days, same mix as ingest, every 5th event pointing at one of its day's traces; prepared INSERTs in");
        report.Line("  transactions of 500,000 rows; trace categories round robin over " + string.Join(", ", BulkLoader.Categories) + ";");
        report.Line($"  then the bench: {BenchHistoryLoader.Cases} active cases in the same categories, {BenchHistoryLoader.Versions} pipeline versions and " +
                     $"{BenchHistoryLoader.Runs} runs evenly over the days, each run one result per case (~94 % passing), one transaction;");
        report.Line("  then DailyRollups rebuilt with the last statement of 20261122050000_CategoryRollups.sql and DailyInputLengths with the");
        report.Line("  backfill of 20261205030000_InputLengths.sql (the statements the app's own migrations run on existing rows)");
        using var connection = Sqlite.Open(database);
        var loader = new BulkLoader(connection, projectId, seed: 20261123);
        var clock = Stopwatch.StartNew();
        loader.Load(events, report.Line);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        loader.RebuildRollups();
        var rollupSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        loader.RebuildInputLengths();
        var lengthSeconds = clock.Elapsed.TotalSeconds;
        var lengthRows = connection.Scalar<long>("SELECT COUNT(*) FROM DailyInputLengths");
        var lengthTraces = connection.Scalar<long>("SELECT SUM(Traces) FROM DailyInputLengths");
        var stored = connection.Scalar<long>("SELECT COUNT(*) FROM FeedbackEvents");
        var rolledUp = connection.Scalar<long>(
            "SELECT SUM(ThumbsUp + ThumbsDown + CsatCount + Rewrites + Retries + Undos + FormatErrors) FROM DailyRollups");
        var days = connection.Scalar<long>("SELECT COUNT(*) FROM DailyRollups");
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        report.Line($"  loaded {Report.N0(stored)} events and {Report.N0(loader.Traces)} traces in {Report.F1(loadSeconds)} s " +
                    $"({Report.N0((stored + loader.Traces) / loadSeconds)} rows/s); rollups rebuilt in {Report.F1(rollupSeconds)} s: " +
                    $"{Report.N0(days)} days counting {Report.N0(rolledUp)} events; input-length histograms in {Report.F1(lengthSeconds)} s: " +
                    $"{Report.N0(lengthRows)} rows counting {Report.N0(lengthTraces)} traces; database file {Report.Mb(new FileInfo(database).Length)}");
        if (stored != events || rolledUp != events) throw new InvalidOperationException("The bulk load does not hold the expected events.");
        if (lengthTraces != loader.Traces) throw new InvalidOperationException("The input-length histograms do not count every trace.");
        CheckBench(report, connection);
    }

    private static void CheckBench(Report report, SqliteConnection connection)
    {
        var runs = connection.Scalar<long>("SELECT COUNT(*) FROM BenchRuns");
        var results = connection.Scalar<long>("SELECT COUNT(*) FROM BenchResults");
        var passed = connection.Scalar<long>("SELECT COUNT(*) FROM BenchResults WHERE Passed = 1");
        var versions = connection.Scalar<long>("SELECT COUNT(DISTINCT PipelineVersionId) FROM BenchRuns");
        report.Line($"  bench: {Report.N0(runs)} runs on {versions} versions, {Report.N0(results)} results, " +
                     $"{Report.F1(100.0 * passed / Math.Max(1, results))} % passing");
        if (runs != BenchHistoryLoader.Runs || results != BenchHistoryLoader.Results || versions != BenchHistoryLoader.Versions)
        {
            throw new InvalidOperationException("The bulk load does not hold the expected bench runs.");
        }
    }
}
