using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Ingestion throughput: the same events sent through <c>POST …/feedback</c> (NDJSON) to the real app, and inserted
/// directly with SQLite as the ceiling; the API's share of the ceiling says what the app's own work costs.
/// </summary>
internal sealed class IngestBenchmark(BenchOptions options, Report report)
{
    private const string Benchmark = "ingest";
    private const string Slug = "bench-ingest";
    private const int WarmUpBatches = 2;
    private const double MinEventsPerSecond = 50_000, MinShareOfRaw = 0.40, MaxPeakRssMb = 500;

    public async Task RunAsync(string apiKey)
    {
        var events = options.IngestEvents;
        var batchSize = options.BatchSize;
        report.Heading($"ingest: {Report.N0(events)} events in NDJSON batches of {Report.N0(batchSize)}");

        // Everything is generated before any clock starts: the figures measure the app and SQLite, not this program.
        var generation = Stopwatch.StartNew();
        var mix = new EventMix(seed: 20261122);
        var warmUp = mix.Batches("warm", WarmUpBatches * batchSize, batchSize);
        var batches = mix.Batches("ev", events, batchSize);
        var warmUpBodies = warmUp.Select(Ndjson.Body).ToArray();
        var bodies = batches.Select(Ndjson.Body).ToArray();
        var bodyBytes = bodies.Sum(b => (long)b.Length);
        generation.Stop();
        report.Line($"  generated up front (not timed): {Report.N0(events)} events + {Report.N0(WarmUpBatches * batchSize)} warm-up events, " +
                    $"{bodies.Length} bodies, {Report.Mb(bodyBytes)} of NDJSON ({Report.N0(bodyBytes / (double)events)} B/event) in {Report.F1(generation.Elapsed.TotalSeconds)} s");
        report.Line($"  mix: {Mix(batches)}; timestamps uniform over {EventMix.FirstDay:yyyy-MM-dd} … {EventMix.LastDay:yyyy-MM-dd}; every 5th event has a traceId");

        var template = await TemplateDatabase.CreateAsync(options.WorkDirectory, Slug, apiKey);
        report.Line($"  template: a database the app migrated and created project '{Slug}' in, then stopped and checkpointed; each run below starts on a copy");

        var (api, validation) = await MeasureApiAsync(template, apiKey, warmUpBodies, bodies, bodyBytes, events);
        var raw = MeasureRaw(template, warmUp, batches, events);

        report.Line();
        var share = api / raw;
        report.Figure(Benchmark, "API / raw", $"{share * 100:F1} %", $">= {MinShareOfRaw * 100:F0} %", share >= MinShareOfRaw);
        // Requests run one at a time and the app parses inside its write transaction, so per-event costs add up.
        double Micro(double perSecond) => 1e6 / perSecond;
        var rest = Micro(api) - Micro(validation) - Micro(raw);
        report.Line($"  where an event's time goes (µs/event, serial): API {Report.F2(Micro(api))} = HTTP + parse + validate {Report.F2(Micro(validation))}" +
                    $" + SQLite insert (raw) {Report.F2(Micro(raw))} + the rest (rollups, per-row work around the INSERT) {Report.F2(rest)}");
    }

    private async Task<(double EventsPerSecond, double ValidationOnly)> MeasureApiAsync(TemplateDatabase template, string apiKey, byte[][] warmUpBodies, byte[][] bodies, long bodyBytes, int events)
    {
        report.Line();
        report.Line("  a) API: fresh app process on a fresh copy; one HttpClient, one connection, batches POSTed one after another;");
        report.Line($"     {warmUpBodies.Length} warm-up batches (other ids) first, not counted; events/s = events / wall time of all timed POSTs");
        var database = template.CopyTo("ingest-api.db");
        var latencies = new List<double>(bodies.Length);
        TimeSpan elapsed;
        string cpuUse;
        long peakRss, finalRss, startRss;
        int samples;
        (double EventsPerSecond, string CpuUse, TimeSpan Elapsed) validationOnly;
        await using (var app = await AppProcess.StartAsync(database, apiKey))
        {
            await using var memory = new MemorySampler(app.Pid);
            startRss = memory.LastBytes;
            foreach (var body in warmUpBodies) await PostAsync(app.Http, body);

            var cpu = new CpuWindow(app.Pid);
            long accepted = 0;
            var wall = Stopwatch.StartNew();
            foreach (var body in bodies)
            {
                var started = wall.Elapsed;
                accepted += await PostAsync(app.Http, body);
                latencies.Add((wall.Elapsed - started).TotalMilliseconds);
            }
            wall.Stop();
            elapsed = wall.Elapsed;
            cpuUse = cpu.Stop().Describe();
            await memory.StopAsync();
            (peakRss, finalRss, samples) = (memory.PeakBytes, memory.LastBytes, memory.Samples);
            if (accepted != events) throw new InvalidOperationException($"The app accepted {accepted} events, not {events}.");
            validationOnly = await MeasureValidationOnlyAsync(app, bodies, events);
        }

        var eventsPerSecond = events / elapsed.TotalSeconds;
        report.Line($"     wall time {Report.F2(elapsed.TotalSeconds)} s for {bodies.Length} requests ({Report.Mb(bodyBytes)}); " +
                    $"per request median {Report.F1(Stats.Median(latencies))} ms, p95 {Report.F1(Stats.P95(latencies))} ms, max {Report.F1(latencies.Max())} ms");
        report.Line($"     CPU during the timed run: {cpuUse}");
        report.Line($"     app VmRSS sampled every 100 ms ({samples} samples, from just after /healthz through warm-up and the run): " +
                    $"at start {Report.Mb(startRss)}");
        Verify(database, events + warmUpBodies.Length * options.BatchSize);
        report.Figure(Benchmark, "API throughput", $"{Report.N0(eventsPerSecond)} events/s", $">= {Report.N0(MinEventsPerSecond)} events/s",
            eventsPerSecond >= MinEventsPerSecond);
        report.Figure(Benchmark, "app peak RSS", Report.Mb(peakRss), $"< {MaxPeakRssMb:F0} MB", peakRss < MaxPeakRssMb * 1024 * 1024);
        report.Figure(Benchmark, "app final RSS", Report.Mb(finalRss));
        report.Line($"     validation only (same bodies, first line made invalid: the app reads, parses and validates every line, stores nothing,");
        report.Line($"     answers 400; sent after the run, outside the memory figures): {Report.F2(validationOnly.Elapsed.TotalSeconds)} s;");
        report.Line($"     CPU: {validationOnly.CpuUse}");
        report.Figure(Benchmark, "API validation only", $"{Report.N0(validationOnly.EventsPerSecond)} events/s");
        return (eventsPerSecond, validationOnly.EventsPerSecond);
    }

    /// <summary>
    /// Where the API's time goes, first part: the same bodies with an invalid first line. The import engine validates the whole
    /// request and, once a line is bad, writes nothing, so this times HTTP, buffering, NDJSON parsing and validation alone.
    /// </summary>
    private static async Task<(double EventsPerSecond, string CpuUse, TimeSpan Elapsed)> MeasureValidationOnlyAsync(
        AppProcess app, byte[][] bodies, int events)
    {
        var invalidFirstLine = "{}\n"u8.ToArray();
        var brokenBodies = bodies.Select(b => invalidFirstLine.Concat(b).ToArray()).ToArray();
        var elapsed = TimeSpan.Zero;
        var cpu = new CpuWindow(app.Pid);
        foreach (var broken in brokenBodies)
        {
            var clock = Stopwatch.StartNew();
            using var content = new ByteArrayContent(broken);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await app.Http.PostAsync($"/api/v1/projects/{Slug}/feedback", content);
            await response.Content.ReadAsByteArrayAsync();
            elapsed += clock.Elapsed;
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                throw new InvalidOperationException($"A body with an invalid first line answered {(int)response.StatusCode}, not 400.");
            }
        }
        return (events / elapsed.TotalSeconds, cpu.Stop().Describe(), elapsed);
    }

    /// <summary>The same rows, straight into SQLite: one transaction per batch, one prepared INSERT (the app's).</summary>
    private double MeasureRaw(TemplateDatabase template, List<FeedbackEvent[]> warmUp, List<FeedbackEvent[]> batches, int events)
    {
        report.Line();
        report.Line($"  b) raw ceiling: the same rows into another fresh copy with Microsoft.Data.Sqlite in this process; one transaction");
        report.Line($"     per batch of {Report.N0(options.BatchSize)} (BEGIN IMMEDIATE, as the app), the app's INSERT … ON CONFLICT DO NOTHING prepared once,");
        report.Line("     WAL, synchronous at SQLite's default (the app does not set it); no rollups, no parsing; the warm-up rows are inserted");
        report.Line("     first, not counted, so both databases end the same; values are converted to the stored text before timing");
        var database = template.CopyTo("ingest-raw.db");
        // Stored text computed up front, so the clock sees SQLite only.
        var rows = batches.Select(b => b.Select(e => (e.EventId, e.TraceId, e.StoredTimestamp, e.StoredKind, e.Value)).ToArray()).ToList();
        var warmRows = warmUp.Select(b => b.Select(e => (e.EventId, e.TraceId, e.StoredTimestamp, e.StoredKind, e.Value)).ToArray()).ToList();

        using var connection = Sqlite.Open(database);
        var synchronous = connection.Scalar<long>("PRAGMA synchronous;");
        using var inserter = new FeedbackInserter(connection, template.ProjectId);
        void InsertBatch((string, string?, string, string, double?)[] batch)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            inserter.Transaction = transaction;
            foreach (var (id, trace, timestamp, kind, value) in batch) inserter.Insert(id, trace, timestamp, kind, value);
            transaction.Commit();
        }
        foreach (var batch in warmRows) InsertBatch(batch);
        var cpu = new CpuWindow();
        var wall = Stopwatch.StartNew();
        foreach (var batch in rows) InsertBatch(batch);
        wall.Stop();
        var cpuUse = cpu.Stop().Describe();

        var count = connection.Scalar<long>("SELECT COUNT(*) FROM FeedbackEvents");
        if (count != events + warmRows.Sum(b => b.Length)) throw new InvalidOperationException($"Raw insert left {count} rows.");
        var eventsPerSecond = events / wall.Elapsed.TotalSeconds;
        report.Line($"     PRAGMA synchronous = {synchronous} ({(synchronous == 2 ? "FULL" : synchronous == 1 ? "NORMAL" : "other")}); " +
                    $"wall time {Report.F2(wall.Elapsed.TotalSeconds)} s");
        report.Line($"     CPU: {cpuUse}");
        report.Figure(Benchmark, "raw SQLite ceiling", $"{Report.N0(eventsPerSecond)} events/s");
        return eventsPerSecond;
    }

    private static async Task<long> PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await http.PostAsync($"/api/v1/projects/{Slug}/feedback", content);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"POST feedback answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("accepted").GetInt64();
    }

    /// <summary>After the app stopped: every event stored once, and the rollups (which trends read) count them all.</summary>
    private void Verify(string database, long expected)
    {
        using var connection = Sqlite.Open(database);
        var stored = connection.Scalar<long>("SELECT COUNT(*) FROM FeedbackEvents");
        var rolledUp = connection.Scalar<long>(
            "SELECT SUM(ThumbsUp + ThumbsDown + CsatCount + Rewrites + Retries + Undos + FormatErrors) FROM DailyRollups");
        report.Line($"     check after stopping the app: {Report.N0(stored)} rows stored, {Report.N0(rolledUp)} counted in DailyRollups (expected {Report.N0(expected)})");
        if (stored != expected || rolledUp != expected) throw new InvalidOperationException("The app's database does not hold what was sent.");
    }

    private static string Mix(List<FeedbackEvent[]> batches)
    {
        var all = batches.SelectMany(b => b).ToList();
        return string.Join(", ", all.GroupBy(e => e.Kind).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count() * 100.0 / all.Count:F1} %"));
    }
}
