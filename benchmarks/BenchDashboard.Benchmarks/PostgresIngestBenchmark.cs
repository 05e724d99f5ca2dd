using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Ingestion throughput on PostgreSQL (issue 13): the same events as <see cref="IngestBenchmark"/> through
/// <c>POST …/feedback</c> to the real app on PostgreSQL, against the raw PostgreSQL ceiling for the same rows in the same
/// run: binary COPY into the app's migrated FeedbackEvents table, one transaction per batch, as the app commits one per request.
/// </summary>
internal sealed class PostgresIngestBenchmark(BenchContext context, PostgresCluster cluster)
{
    private const string Benchmark = "ingest (postgres)";
    private const string Slug = "bench-ingest";
    private const int WarmUpBatches = 2;
    private const double MinEventsPerSecond = 50_000, MinShareOfRaw = 0.40, MaxPeakRssMb = 500;

    private readonly BenchOptions _options = context.Options;
    private readonly Report _report = context.Report;

    private sealed record ApiRun(double EventsPerSecond, double ValidationOnlyEventsPerSecond, long PeakRss, double AppCores, double PostgresCores);

    public async Task RunAsync()
    {
        var events = _options.IngestEvents;
        var batchSize = _options.BatchSize;
        _report.Heading($"ingest on PostgreSQL: {Report.N0(events)} events in NDJSON batches of {Report.N0(batchSize)}, {_options.Order.ToString().ToLowerInvariant()} order");

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
                     $"{bodies.Length} bodies, {Report.Mb(bodyBytes)} of NDJSON in {Report.F1(generation.Elapsed.TotalSeconds)} s; the same events as the SQLite ingest");

        var template = await PostgresTemplate.CreateAsync(context, cluster, Slug);
        await template.AddTracesAsync(template.ProjectId, EventMix.TraceIds("warm", WarmUpBatches * batchSize).Concat(EventMix.TraceIds("ev", events)));
        _report.Line($"  template: a database the app migrated and created project '{Slug}' in, then stopped; the traces the events name added");
        _report.Line("     with COPY, then VACUUM ANALYZE; each run below starts on its own CREATE DATABASE … TEMPLATE copy");
        _report.Line();
        _report.Line("  API: fresh app process (Provider=postgres) on a fresh copy; one HttpClient, one connection, batches POSTed one after another;");
        _report.Line($"     {warmUpBodies.Length} warm-up batches first, not counted; events/s = events / wall time of all timed POSTs");
        _report.Line("  validation only: the same bodies with an invalid first line (400, nothing written)");
        _report.Line("  raw ceiling: the same rows into another fresh copy with Npgsql's binary COPY (BeginBinaryImport) into FeedbackEvents");
        _report.Line($"     (ProjectId, EventId, TraceId, Timestamp, Kind, Value), one transaction per batch of {Report.N0(batchSize)}; no conflict check,");
        _report.Line("     no rollups, no parsing; the warm-up rows first, not counted");

        var apiRuns = new List<ApiRun>();
        var rawRuns = new List<double>();
        for (var repetition = 1; repetition <= _options.Repetitions; repetition++)
        {
            _report.Line();
            _report.Line($"  repetition {repetition} of {_options.Repetitions}");
            if (repetition % 2 == 0) rawRuns.Add(await MeasureRawAsync(template, warmUp, batches, events));
            apiRuns.Add(await MeasureApiAsync(template, warmUpBodies, bodies, events));
            if (repetition % 2 == 1) rawRuns.Add(await MeasureRawAsync(template, warmUp, batches, events));
        }
        Summarise(apiRuns, rawRuns);
    }

    private void Summarise(List<ApiRun> apiRuns, List<double> rawRuns)
    {
        var api = Stats.Median(apiRuns.Select(r => r.EventsPerSecond).ToList());
        var validation = Stats.Median(apiRuns.Select(r => r.ValidationOnlyEventsPerSecond).ToList());
        var raw = Stats.Median(rawRuns);
        var peak = apiRuns.Max(r => r.PeakRss);
        static string Each(IEnumerable<double> values) => "each: " + string.Join(", ", values.Select(Report.N0));

        _report.Line();
        _report.Line($"  figures: medians of {apiRuns.Count} repetitions");
        _report.Figure(Benchmark, "API throughput", $"{Report.N0(api)} events/s", $">= {Report.N0(MinEventsPerSecond)} events/s", api >= MinEventsPerSecond);
        _report.Line($"    {Each(apiRuns.Select(r => r.EventsPerSecond))}");
        _report.Figure(Benchmark, "raw PostgreSQL ceiling (binary COPY)", $"{Report.N0(raw)} events/s");
        _report.Line($"    {Each(rawRuns)}");
        var share = api / raw;
        _report.Figure(Benchmark, "API / raw", $"{share * 100:F1} %", $">= {MinShareOfRaw * 100:F0} %", share >= MinShareOfRaw);
        _report.Line($"    each repetition: {string.Join(", ", apiRuns.Zip(rawRuns, (a, r) => $"{a.EventsPerSecond / r * 100:F1} %"))}");
        _report.Figure(Benchmark, "app peak RSS", Report.Mb(peak), $"< {MaxPeakRssMb:F0} MB", peak < MaxPeakRssMb * 1024 * 1024);
        _report.Figure(Benchmark, "API validation only", $"{Report.N0(validation)} events/s");
        static double Micro(double perSecond) => 1e6 / perSecond;
        _report.Line($"  where an event's time goes (µs/event, medians): API {Report.F2(Micro(api))}; measured alone: HTTP + parse + validate " +
                     $"{Report.F2(Micro(validation))}, COPY (raw) {Report.F2(Micro(raw))}; left over {Report.F2(Micro(api) - Micro(validation) - Micro(raw))}");
        _report.Line($"  CPU during the API runs (medians): app {Report.F2(Stats.Median(apiRuns.Select(r => r.AppCores).ToList()))} cores, " +
                     $"PostgreSQL's processes {Report.F2(Stats.Median(apiRuns.Select(r => r.PostgresCores).ToList()))} cores");
    }

    private async Task<ApiRun> MeasureApiAsync(PostgresTemplate template, byte[][] warmUpBodies, byte[][] bodies, int events)
    {
        var database = await template.CopyToAsync("ingest_api");
        var latencies = new List<double>(bodies.Length);
        await using var app = await AppProcess.StartOnPostgresAsync(context, cluster.AppConnectionString(database));
        await using var memory = new MemorySampler(app.Pid);
        foreach (var body in warmUpBodies) await FeedbackApi.PostAsync(app.Http, Slug, body);
        var statements = await StatementStats.StartAsync(cluster, database);
        var postgres = new PostgresCpu(cluster);
        var cpu = new CpuWindow(app.Pid);
        long accepted = 0;
        var wall = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            var started = wall.Elapsed;
            accepted += await FeedbackApi.PostAsync(app.Http, Slug, body);
            latencies.Add((wall.Elapsed - started).TotalMilliseconds);
        }
        wall.Stop();
        cpu.Stop();
        var postgresCores = postgres.Cores(wall.Elapsed);
        await memory.StopAsync();
        if (accepted != events) throw new InvalidOperationException($"The app accepted {accepted} events, not {events}.");
        var eventsPerSecond = events / wall.Elapsed.TotalSeconds;
        _report.Line($"    API: {Report.N0(eventsPerSecond)} events/s; {Report.F2(wall.Elapsed.TotalSeconds)} s for {bodies.Length} requests; " +
                     $"per request median {Report.F1(Stats.Median(latencies))} ms, p95 {Report.F1(Stats.P95(latencies))} ms, max {Report.F1(latencies.Max())} ms");
        _report.Line($"      CPU: {cpu.Describe()}; of the others, PostgreSQL's processes {Report.F2(postgresCores)} cores");
        _report.Line($"      app VmRSS peak {Report.Mb(memory.PeakBytes)}, final {Report.Mb(memory.LastBytes)}");

        if (statements is not null) await statements.ReportAsync(_report, events);
        var validationOnly = await MeasureValidationOnlyAsync(app, bodies, events);
        await app.DisposeAsync();
        await VerifyAsync(database, events + warmUpBodies.Length * _options.BatchSize);
        await cluster.DropDatabaseAsync(database);
        return new ApiRun(eventsPerSecond, validationOnly, memory.PeakBytes, cpu.AppCores, postgresCores);
    }

    private async Task<double> MeasureValidationOnlyAsync(AppProcess app, byte[][] bodies, int events)
    {
        var invalidFirstLine = "{}\n"u8.ToArray();
        var elapsed = TimeSpan.Zero;
        foreach (var body in bodies)
        {
            var broken = invalidFirstLine.Concat(body).ToArray();
            var clock = Stopwatch.StartNew();
            using var content = new ByteArrayContent(broken);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await app.Http.PostAsync($"/api/v1/projects/{Slug}/feedback", content);
            await response.Content.ReadAsByteArrayAsync();
            elapsed += clock.Elapsed;
            if (response.StatusCode != HttpStatusCode.BadRequest) throw new InvalidOperationException($"An invalid body answered {(int)response.StatusCode}, not 400.");
        }
        var eventsPerSecond = events / elapsed.TotalSeconds;
        _report.Line($"    validation only: {Report.N0(eventsPerSecond)} events/s; {Report.F2(elapsed.TotalSeconds)} s");
        return eventsPerSecond;
    }

    /// <summary>The same rows, straight into PostgreSQL: binary COPY, one transaction per batch.</summary>
    private async Task<double> MeasureRawAsync(PostgresTemplate template, List<FeedbackEvent[]> warmUp, List<FeedbackEvent[]> batches, int events)
    {
        var database = await template.CopyToAsync("ingest_raw");
        double eventsPerSecond;
        await using (var connection = await cluster.OpenAsync(database))
        {
            var projectId = template.ProjectId;
            foreach (var batch in warmUp) FeedbackCopy.Write(connection, projectId, batch);
            var postgres = new PostgresCpu(cluster);
            var cpu = new CpuWindow();
            foreach (var batch in batches) FeedbackCopy.Write(connection, projectId, batch);
            cpu.Stop();
            var count = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM \"FeedbackEvents\"");
            if (count != events + warmUp.Sum(b => b.Length)) throw new InvalidOperationException($"Raw COPY left {count} rows.");
            eventsPerSecond = events / cpu.Elapsed.TotalSeconds;
            _report.Line($"    raw: {Report.N0(eventsPerSecond)} events/s; {Report.F2(cpu.Elapsed.TotalSeconds)} s");
            _report.Line($"      CPU: {cpu.Describe()}; of the others, PostgreSQL's processes {Report.F2(postgres.Cores(cpu.Elapsed))} cores");
        }
        await cluster.DropDatabaseAsync(database);
        return eventsPerSecond;
    }

    private async Task VerifyAsync(string database, long expected)
    {
        await using var connection = await cluster.OpenAsync(database);
        var stored = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM \"FeedbackEvents\"");
        var rolledUp = await connection.ScalarAsync<long>(
            "SELECT SUM(\"ThumbsUp\" + \"ThumbsDown\" + \"CsatCount\" + \"Rewrites\" + \"Retries\" + \"Undos\" + \"FormatErrors\") FROM \"DailyRollups\"");
        _report.Line($"      check after stopping the app: {Report.N0(stored)} rows stored, {Report.N0(rolledUp)} counted in DailyRollups (expected {Report.N0(expected)})");
        if (stored != expected || rolledUp != expected) throw new InvalidOperationException("The app's database does not hold what was sent.");
    }
}
