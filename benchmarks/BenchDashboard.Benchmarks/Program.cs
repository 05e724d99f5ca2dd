using System.Security.Cryptography;
using BenchDashboard.Benchmarks;

// Benchmarks of the real BenchDashboard app on Kestrel: ingestion throughput (with its raw SQLite ceiling), trends latency, signals
// (cold, cached, and beside trends under concurrent load) and
// the reviewers' workbench moving from trace to trace (in Chromium), 50 concurrent readers with and without a 32 MiB ingest,
// memory per Blazor circuit (issue 12), and the Bench and upgrade audit pages on a 2,000-case bench (issue 14), and a quarter's audit report (issue 16).
// See docs/benchmarks.md for how each figure is measured and the latest results.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var started = DateTime.UtcNow;
var report = new Report();
Directory.CreateDirectory(options.WorkDirectory);
// A fresh secret per run: the bootstrap key needs at least 32 characters.
var apiKey = "bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
try
{
    report.Line($"BenchDashboard benchmarks, {options.Command}, started {started:yyyy-MM-dd HH:mm:ss} UTC");
    var built = RepoPaths.AppExecutable();
    report.Line($"  app: {built}, built {File.GetLastWriteTimeUtc(built):yyyy-MM-dd HH:mm} UTC from {RepoPaths.SourceVersion()};");
    report.Line("       run from a copy in the work folder, so a rebuild of src/ during the run changes nothing");
    foreach (var (name, value) in options.AppEnvironment) report.Line($"  app environment added for this experiment: {name}={value}");
    var context = new BenchContext(options, report, apiKey, RepoPaths.SnapshotApp(options.WorkDirectory));
    MachineInfo.Describe(report, options.WorkDirectory);
    if (options.IsPostgres)
    {
        // Issue 13: the same app on PostgreSQL, a throwaway cluster of this run's own.
        await using var cluster = await PostgresCluster.StartAsync(context);
        if (options.RunsIngest) await new PostgresIngestBenchmark(context, cluster).RunAsync();
        if (options.RunsTrends) await new TrendsBenchmark(context, cluster).RunAsync();
        if (options.RunsInstances) await new PostgresInstancesBenchmark(context, cluster).RunAsync();
        report.WriteSummary();
        report.Line($"total time {(DateTime.UtcNow - started).TotalMinutes:F1} min");
        return 0;
    }
    if (options.RunsIngest) await new IngestBenchmark(context).RunAsync();
    if (options.RunsTrends) await new TrendsBenchmark(context).RunAsync();
    if (options.RunsSignals) await new SignalsBenchmark(context).RunAsync();
    if (options.RunsWorkbench) await new WorkbenchBenchmark(context).RunAsync();
    if (options.RunsBenchRuns) await new BenchRunImportBenchmark(context).RunAsync();
    if (options.RunsBenchPages) await new BenchPagesBenchmark(context).RunAsync();
    if (options.RunsReaders) await new ReadersBenchmark(context).RunAsync();
    if (options.RunsReports) await new ReportsBenchmark(context).RunAsync();
    if (options.RunsCircuits) await new CircuitsBenchmark(context).RunAsync();
    report.WriteSummary();
    report.Line($"total time {(DateTime.UtcNow - started).TotalMinutes:F1} min");
    return 0;
}
catch (Exception ex)
{
    report.Line($"FAILED: {ex}");
    return 1;
}
finally
{
    Console.WriteLine($"report saved to {report.Save(RepoPaths.Root(), started)}");
    if (!options.KeepFiles) Directory.Delete(options.WorkDirectory, recursive: true);
}
