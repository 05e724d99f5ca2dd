using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Trends latency on a large project: nine months of events bulk-loaded, then <c>GET …/trends</c> over the whole range per
/// day, week and month, against the real app; and once, the raw-scan aggregate the rollups spare it.
/// </summary>
internal sealed class TrendsBenchmark(BenchContext context)
{
    private const string Benchmark = "trends";
    private const string Slug = "bench-trends";
    private const int WarmUpRequests = 5, TimedRequests = 50;
    private const double MaxMedianMs = 100;

    private readonly BenchOptions _options = context.Options;
    private readonly Report _report = context.Report;

    public async Task RunAsync()
    {
        var events = _options.TrendsEvents;
        var from = EventMix.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = EventMix.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        _report.Heading($"trends: {Report.N0(events)} events over {EventMix.Days} days ({from} … {to})");

        var template = await TemplateDatabase.CreateAsync(context, Slug);
        var database = template.CopyTo("trends.db");
        Load(database, template.ProjectId, events);
        RawScan(database, template.ProjectId, from, to);

        _report.Line();
        _report.Line($"  GET /api/v1/projects/{Slug}/trends?from={from}&to={to}&bucket=…  on a fresh app process over that file; one HttpClient;");
        _report.Line($"  per bucket {WarmUpRequests} warm-up requests, then {TimedRequests} timed one after another (send to last byte of the body read)");
        await using var app = await AppProcess.StartAsync(context, database);
        foreach (var bucket in new[] { "week", "day", "month" })
        {
            var url = $"/api/v1/projects/{Slug}/trends?from={from}&to={to}&bucket={bucket}";
            var body = "";
            for (var i = 0; i < WarmUpRequests; i++) body = await GetAsync(app.Http, url);
            var timings = new List<double>(TimedRequests);
            var cpu = new CpuWindow(app.Pid);
            for (var i = 0; i < TimedRequests; i++)
            {
                var clock = Stopwatch.StartNew();
                await GetAsync(app.Http, url);
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
            var median = Stats.Median(timings);
            _report.Line($"  bucket={bucket}: {Describe(body)}; min {Report.F1(timings.Min())} ms, max {Report.F1(timings.Max())} ms");
            _report.Line($"    CPU during the {TimedRequests} requests: {cpu.Stop().Describe()}");
            _report.Figure(Benchmark, $"trends {bucket} median", $"{Report.F1(median)} ms", $"< {MaxMedianMs:F0} ms", median < MaxMedianMs);
            _report.Figure(Benchmark, $"trends {bucket} p95", $"{Report.F1(Stats.P95(timings))} ms");
        }
        _report.Line($"  app VmRSS after the requests: {Report.Mb(ProcessStats.RssBytes(app.Pid) ?? 0)}");
    }

    private void Load(string database, int projectId, int events)
    {
        _report.Line($"  bulk load (set-up, app not running): {Report.N0(BulkLoader.TracesPerDay)} production traces a day and the events spread evenly");
        _report.Line("  over the days, same mix as ingest, every 5th event pointing at one of its day's traces; prepared INSERTs in");
        _report.Line("  transactions of 500,000 rows; then DailyRollups rebuilt with the last statement of 20261122020000_IngestionRollups.sql");
        using var connection = Sqlite.Open(database);
        var loader = new BulkLoader(connection, projectId, seed: 20261123);
        var clock = Stopwatch.StartNew();
        loader.Load(events, _report.Line);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        loader.RebuildRollups();
        var rollupSeconds = clock.Elapsed.TotalSeconds;
        var stored = connection.Scalar<long>("SELECT COUNT(*) FROM FeedbackEvents");
        var rolledUp = connection.Scalar<long>(
            "SELECT SUM(ThumbsUp + ThumbsDown + CsatCount + Rewrites + Retries + Undos + FormatErrors) FROM DailyRollups");
        var days = connection.Scalar<long>("SELECT COUNT(*) FROM DailyRollups");
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        _report.Line($"  loaded {Report.N0(stored)} events and {Report.N0(loader.Traces)} traces in {Report.F1(loadSeconds)} s " +
                    $"({Report.N0((stored + loader.Traces) / loadSeconds)} rows/s); rollups rebuilt in {Report.F1(rollupSeconds)} s: " +
                    $"{Report.N0(days)} days counting {Report.N0(rolledUp)} events; database file {Report.Mb(new FileInfo(database).Length)}");
        if (stored != events || rolledUp != events) throw new InvalidOperationException("The bulk load does not hold the expected events.");
    }

    /// <summary>What trends would cost without rollups: the per-day, per-kind aggregate over the raw rows (a full scan: no time index).</summary>
    private void RawScan(string database, int projectId, string from, string to)
    {
        using var connection = Sqlite.Open(database);
        var toExclusive = DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cpu = new CpuWindow();
        var raw = Time(connection, $"""
            SELECT substr(Timestamp, 1, 10) AS Day, Kind, COUNT(*), SUM(Value) FROM FeedbackEvents
            WHERE ProjectId = {projectId} AND Timestamp >= '{from}' AND Timestamp < '{toExclusive}'
            GROUP BY Day, Kind
            """, out var rawRows);
        var rollups = Time(connection, $"""
            SELECT * FROM DailyRollups WHERE ProjectId = {projectId} AND Date >= '{from}' AND Date <= '{to}'
            """, out var rollupRows);
        _report.Line($"  raw-scan aggregate over FeedbackEvents (substr(Timestamp,1,10), Kind, COUNT(*), SUM(Value) … GROUP BY), run once");
        _report.Line($"  in this process right after the load (OS page cache warm): {rawRows} groups; the same days from DailyRollups: {rollupRows} rows");
        _report.Line($"  CPU during both queries: {cpu.Stop().Describe()}");
        _report.Figure(Benchmark, "raw-scan aggregate SQL (once)", $"{Report.N0(raw)} ms");
        _report.Figure(Benchmark, "DailyRollups read SQL (once)", $"{Report.F1(rollups)} ms");
    }

    private static double Time(SqliteConnection connection, string sql, out int rows)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        var clock = Stopwatch.StartNew();
        rows = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) rows++;
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<string> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>A sanity line for a trends answer: its size, points per series, and how many thumbs it counts.</summary>
    private static string Describe(string body)
    {
        using var json = JsonDocument.Parse(body);
        var thumbs = json.RootElement.GetProperty("series").GetProperty("thumbsUpRate");
        var n = thumbs.EnumerateArray().Sum(p => p.GetProperty("n").GetInt64());
        return $"{Report.N0(body.Length)} chars, {thumbs.GetArrayLength()} points per series, thumbsUpRate n = {Report.N0(n)}";
    }
}
