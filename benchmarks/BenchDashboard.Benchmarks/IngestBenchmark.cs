using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Ingestion throughput: the same events sent through <c>POST …/feedback</c> (NDJSON) to the real app, and inserted
/// directly with SQLite as the ceiling; the API's share of the ceiling says what the app's own work costs.
/// </summary>
internal sealed class IngestBenchmark(BenchContext context)
{
    private const string Benchmark = "ingest";
    private const string Slug = "bench-ingest";
    private const int WarmUpBatches = 2;
    private const double MinEventsPerSecond = 50_000, MinShareOfRaw = 0.40, MaxPeakRssMb = 500;

    private readonly BenchOptions _options = context.Options;
    private readonly Report _report = context.Report;

    /// <summary>What one API run measured.</summary>
    private sealed record ApiRun(double EventsPerSecond, double ValidationOnlyEventsPerSecond, long PeakRss, long FinalRss);

    /// <summary>One batch as the app stores it: the stored text computed up front, so the raw clock sees SQLite only.</summary>
    private sealed record StoredBatch((string EventId, string? TraceId, string Timestamp, string Kind, double? Value)[] Rows)
    {
        public static StoredBatch Of(FeedbackEvent[] batch) =>
            new(batch.Select(e => (e.EventId, e.TraceId, e.StoredTimestamp, e.StoredKind, e.Value)).ToArray());
    }

    public async Task RunAsync()
    {
        var events = _options.IngestEvents;
        var batchSize = _options.BatchSize;
        _report.Heading($"ingest: {Report.N0(events)} events in NDJSON batches of {Report.N0(batchSize)}, {_options.Order.ToString().ToLowerInvariant()} order");

        // Everything is generated before any clock starts: the figures measure the app and SQLite, not this program.
        var generation = Stopwatch.StartNew();
        var mix = new EventMix(seed: 20261122);
        var chronological = _options.Order == EventOrder.Time;
        var warmUp = mix.Batches("warm", WarmUpBatches * batchSize, batchSize, chronological);
        var batches = mix.Batches("ev", events, batchSize, chronological);
        var warmUpBodies = warmUp.Select(Ndjson.Body).ToArray();
        var bodies = batches.Select(Ndjson.Body).ToArray();
        var bodyBytes = bodies.Sum(b => (long)b.Length);
        generation.Stop();
        _report.Line($"  generated up front (not timed): {Report.N0(events)} events + {Report.N0(WarmUpBatches * batchSize)} warm-up events, " +
                     $"{bodies.Length} bodies, {Report.Mb(bodyBytes)} of NDJSON ({Report.N0(bodyBytes / (double)events)} B/event) in {Report.F1(generation.Elapsed.TotalSeconds)} s");
        _report.Line($"  mix: {Mix(batches)}; every event names a trace ({EventMix.EventsPerTrace} events per trace), stored beforehand in 8 categories");
        _report.Line($"  timestamps uniform over {EventMix.FirstDay:yyyy-MM-dd} … {EventMix.LastDay:yyyy-MM-dd}, " +
                     (chronological
                         ? "sent in time order as a production system sends them"
                         : "shuffled, so every batch touches every day's rollup (worst case)") +
                     $": {Report.F1(batches.Average(b => b.Select(e => e.Timestamp.Date).Distinct().Count()))} days per batch on average");

        var template = await TemplateDatabase.CreateAsync(context, Slug);
        template.AddTraces(EventMix.TraceIds("warm", WarmUpBatches * batchSize).Concat(EventMix.TraceIds("ev", events)));
        _report.Line($"  template: a database the app migrated and created project '{Slug}' in, then stopped; the traces the events name were");
        _report.Line("     added to it directly and it was checkpointed; each run below starts on a copy");

        var storedWarmUp = warmUp.Select(StoredBatch.Of).ToList();
        var storedBatches = batches.Select(StoredBatch.Of).ToList();

        // API and raw alternate, and swap which goes first, each repetition on fresh copies (and a fresh app): noise from the
        // shared machine, and the disk still writing back the previous run's file, falls on both alike.
        _report.Line();
        _report.Line("  API: fresh app process on a fresh copy; one HttpClient, one connection, batches POSTed one after another;");
        _report.Line($"     {warmUpBodies.Length} warm-up batches (other ids) first, not counted; events/s = events / wall time of all timed POSTs;");
        _report.Line("     app VmRSS sampled every 100 ms from just after /healthz through warm-up and the run");
        _report.Line("  validation only: after each API run, the same bodies with an invalid first line: the app reads, parses and");
        _report.Line("     validates every line, stores nothing and answers 400 (HTTP + parsing + validation without SQLite writes)");
        _report.Line("  raw ceiling: the same rows into another fresh copy with Microsoft.Data.Sqlite in this process; one transaction");
        _report.Line($"     per batch of {Report.N0(_options.BatchSize)} (BEGIN IMMEDIATE, as the app), the app's INSERT … ON CONFLICT DO NOTHING prepared once,");
        _report.Line("     WAL, synchronous at SQLite's default (the app does not set it); no rollups, no parsing; the warm-up rows are inserted");
        _report.Line("     first, not counted, so both databases end the same; values are converted to the stored text before timing");
        var apiRuns = new List<ApiRun>();
        var rawRuns = new List<double>();
        for (var repetition = 1; repetition <= _options.Repetitions; repetition++)
        {
            _report.Line();
            _report.Line($"  repetition {repetition} of {_options.Repetitions}");
            if (repetition % 2 == 0) rawRuns.Add(MeasureRaw(template, storedWarmUp, storedBatches, events));
            apiRuns.Add(await MeasureApiAsync(template, warmUpBodies, bodies, bodyBytes, events));
            if (repetition % 2 == 1) rawRuns.Add(MeasureRaw(template, storedWarmUp, storedBatches, events));
        }
        Summarise(apiRuns, rawRuns);
    }

    /// <summary>The figures: medians over the repetitions (each one listed too), memory at its worst.</summary>
    private void Summarise(List<ApiRun> apiRuns, List<double> rawRuns)
    {
        var api = Stats.Median(apiRuns.Select(r => r.EventsPerSecond).ToList());
        var validation = Stats.Median(apiRuns.Select(r => r.ValidationOnlyEventsPerSecond).ToList());
        var raw = Stats.Median(rawRuns);
        var peak = apiRuns.Max(r => r.PeakRss);
        static string Each(IEnumerable<double> values) => "each: " + string.Join(", ", values.Select(Report.N0));

        _report.Line();
        _report.Line($"  figures: medians of {apiRuns.Count} repetitions; memory: the highest peak and the last run's final RSS");
        _report.Figure(Benchmark, "API throughput", $"{Report.N0(api)} events/s", $">= {Report.N0(MinEventsPerSecond)} events/s", api >= MinEventsPerSecond);
        _report.Line($"    {Each(apiRuns.Select(r => r.EventsPerSecond))}");
        _report.Figure(Benchmark, "raw SQLite ceiling", $"{Report.N0(raw)} events/s");
        _report.Line($"    {Each(rawRuns)}");
        var share = api / raw;
        _report.Figure(Benchmark, "API / raw", $"{share * 100:F1} %", $">= {MinShareOfRaw * 100:F0} %", share >= MinShareOfRaw);
        _report.Line($"    each repetition: {string.Join(", ", apiRuns.Zip(rawRuns, (a, r) => $"{a.EventsPerSecond / r * 100:F1} %"))}");
        _report.Figure(Benchmark, "app peak RSS", Report.Mb(peak), $"< {MaxPeakRssMb:F0} MB", peak < MaxPeakRssMb * 1024 * 1024);
        _report.Figure(Benchmark, "app final RSS", Report.Mb(apiRuns[^1].FinalRss));
        _report.Figure(Benchmark, "API validation only", $"{Report.N0(validation)} events/s");

        // Requests run one at a time, so an event's time is roughly the sum of these parts; the app may overlap parsing with
        // writing, which the left-over then absorbs (it can even turn negative).
        static double Micro(double perSecond) => 1e6 / perSecond;
        var rest = Micro(api) - Micro(validation) - Micro(raw);
        _report.Line($"  where an event's time goes (µs/event, medians): API {Report.F2(Micro(api))}; measured alone: HTTP + parse + validate " +
                     $"{Report.F2(Micro(validation))}, SQLite insert (raw) {Report.F2(Micro(raw))}; left over {Report.F2(rest)} " +
                     "(rollup upserts, per-request set-up, per-row work around the INSERT, minus any overlap of parsing and writing)");
    }

    private async Task<ApiRun> MeasureApiAsync(TemplateDatabase template, byte[][] warmUpBodies, byte[][] bodies, long bodyBytes, int events)
    {
        var database = template.CopyTo("ingest-api.db");
        var latencies = new List<double>(bodies.Length);
        await using var app = await AppProcess.StartAsync(context, database);

        await using var memory = new MemorySampler(app.Pid);
        var startRss = memory.LastBytes;
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
        cpu.Stop();
        await memory.StopAsync();
        if (accepted != events) throw new InvalidOperationException($"The app accepted {accepted} events, not {events}.");

        var eventsPerSecond = events / wall.Elapsed.TotalSeconds;
        _report.Line($"    API: {Report.N0(eventsPerSecond)} events/s; {Report.F2(wall.Elapsed.TotalSeconds)} s for {bodies.Length} requests ({Report.Mb(bodyBytes)}); " +
                     $"per request median {Report.F1(Stats.Median(latencies))} ms, p95 {Report.F1(Stats.P95(latencies))} ms, max {Report.F1(latencies.Max())} ms");
        _report.Line($"      CPU: {cpu.Describe()}");
        _report.Line($"      app VmRSS ({memory.Samples} samples): at start {Report.Mb(startRss)}, peak {Report.Mb(memory.PeakBytes)}, final {Report.Mb(memory.LastBytes)}");

        var validationOnly = await MeasureValidationOnlyAsync(app, bodies, events);
        await app.DisposeAsync(); // stopped before the check below opens its file
        Verify(database, events + warmUpBodies.Length * _options.BatchSize);
        return new ApiRun(eventsPerSecond, validationOnly, memory.PeakBytes, memory.LastBytes);
    }

    /// <summary>
    /// Where the API's time goes, first part: the same bodies with an invalid first line. The import engine validates the whole
    /// request and, once a line is bad, writes nothing, so this times HTTP, buffering, NDJSON parsing and validation alone.
    /// </summary>
    private async Task<double> MeasureValidationOnlyAsync(AppProcess app, byte[][] bodies, int events)
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
        cpu.Stop();
        var eventsPerSecond = events / elapsed.TotalSeconds;
        _report.Line($"    validation only: {Report.N0(eventsPerSecond)} events/s; {Report.F2(elapsed.TotalSeconds)} s; CPU: {cpu.Describe()}");
        return eventsPerSecond;
    }

    /// <summary>The same rows, straight into SQLite: one transaction per batch, one prepared INSERT (the app's).</summary>
    private double MeasureRaw(TemplateDatabase template, List<StoredBatch> warmUp, List<StoredBatch> batches, int events)
    {
        var database = template.CopyTo("ingest-raw.db");
        using var connection = Sqlite.Open(database);
        var synchronous = connection.Scalar<long>("PRAGMA synchronous;");
        using var inserter = new FeedbackInserter(connection, template.ProjectId);
        void Insert(StoredBatch batch)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            inserter.Transaction = transaction;
            foreach (var (id, trace, timestamp, kind, value) in batch.Rows) inserter.Insert(id, trace, timestamp, kind, value);
            transaction.Commit();
        }

        warmUp.ForEach(Insert);
        var cpu = new CpuWindow();
        batches.ForEach(Insert);
        cpu.Stop();

        var count = connection.Scalar<long>("SELECT COUNT(*) FROM FeedbackEvents");
        if (count != events + warmUp.Sum(b => b.Rows.Length)) throw new InvalidOperationException($"Raw insert left {count} rows.");
        var eventsPerSecond = events / cpu.Elapsed.TotalSeconds;
        _report.Line($"    raw: {Report.N0(eventsPerSecond)} events/s; {Report.F2(cpu.Elapsed.TotalSeconds)} s; " +
                     $"PRAGMA synchronous = {synchronous} ({(synchronous == 2 ? "FULL" : synchronous == 1 ? "NORMAL" : "other")})");
        _report.Line($"      CPU: {cpu.Describe()}");
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
        _report.Line($"      check after stopping the app: {Report.N0(stored)} rows stored, {Report.N0(rolledUp)} counted in DailyRollups (expected {Report.N0(expected)})");
        if (stored != expected || rolledUp != expected) throw new InvalidOperationException("The app's database does not hold what was sent.");
    }

    private static string Mix(List<FeedbackEvent[]> batches)
    {
        var all = batches.SelectMany(b => b).ToList();
        return string.Join(", ", all.GroupBy(e => e.Kind).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count() * 100.0 / all.Count:F1} %"));
    }
}
