using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Issue 12, finding 5: many readers at once. On the trends benchmark's large project (<see cref="LargeProject"/>), in one
/// app process: <see cref="TrendsReaders"/> clients call <c>GET …/trends</c> (the dashboard's default view) and
/// <see cref="SignalsReaders"/> call <c>GET …/signals</c>, each in a loop on its own connection, while a probe calls
/// <c>/healthz</c> every <see cref="HealthEvery"/>; then the same while one more client posts 32 MiB NDJSON feedback batches
/// back to back. Targets (one run): trends p95 under 250 ms with the readers, under 500 ms during the ingest.
/// </summary>
internal sealed class ReadersBenchmark(BenchContext context)
{
    private const string Benchmark = "readers";
    private const string Slug = "bench-readers";
    private const int TrendsReaders = 25, SignalsReaders = 25, IngestBodies = 8;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3), Timed = TimeSpan.FromSeconds(20), HealthEvery = TimeSpan.FromMilliseconds(250);
    private const double MaxReadersP95Ms = 250, MaxIngestP95Ms = 500;
    /// <summary>Bodies just under API.md's 32 MiB limit.</summary>
    private const long BodyBytes = 32L * 1024 * 1024 - 64 * 1024;

    private readonly Report _report = context.Report;

    public async Task RunAsync()
    {
        var from = Day(EventMix.FirstDay);
        var to = Day(EventMix.LastDay);
        _report.Heading($"readers: {TrendsReaders} /trends and {SignalsReaders} /signals clients at once, then also a 32 MiB feedback stream; " +
                        $"{Report.N0(context.Options.TrendsEvents)} events over {EventMix.Days} days");
        var (database, _) = await LargeProject.CreateAsync(context, Slug, "readers.db");
        var bodies = IngestBatches();
        await using var app = await AppProcess.StartAsync(context, database);
        var trendsUrl = $"/api/v1/projects/{Slug}/trends?from={from}&to={to}&bucket=week";
        var signalsUrl = $"/api/v1/projects/{Slug}/signals?asOf={to}";
        _report.Line();
        _report.Line($"  a fresh app process on that file (per-key limit lifted as in every benchmark); every reader its own connection, same API key,");
        _report.Line($"  calling back to back: trends GET {trendsUrl}, signals GET {signalsUrl};");
        _report.Line($"  healthz: GET /healthz every {HealthEvery.TotalMilliseconds:0} ms on its own connection, no key. Clients start together; the first");
        _report.Line($"  {WarmUp.TotalSeconds:0} s are not counted, then every request started in the next {Timed.TotalSeconds:0} s is; times from sending to the last byte read;");
        _report.Line($"  percentiles by nearest rank");
        _report.Line($"  ingest: {IngestBodies} NDJSON bodies of {Report.N0(bodies[0].Events)} new feedback events each ({Report.Mb(bodies[0].Body.Length)}, no trace ids,");
        _report.Line($"  dated over the last 30 days, so each batch changes what trends and signals read), made before the phase, posted one after another");

        // The first request of each kind computes (nothing cached yet): not part of either phase.
        await TrendsBenchmark.GetAsync(app.Http, trendsUrl);
        await TrendsBenchmark.GetAsync(app.Http, signalsUrl);
        await PhaseAsync(app, trendsUrl, signalsUrl, null, "50 readers", MaxReadersP95Ms);
        await PhaseAsync(app, trendsUrl, signalsUrl, bodies, "50 readers while a client streams 32 MiB feedback batches", MaxIngestP95Ms);
        _report.Line($"  app VmRSS after the phases: {Report.Mb(ProcessStats.RssBytes(app.Pid) ?? 0)}");
    }

    private async Task PhaseAsync(AppProcess app, string trendsUrl, string signalsUrl, List<(byte[] Body, int Events)>? ingest, string label, double maxP95)
    {
        _report.Line();
        _report.Line($"  {label}:");
        var clock = Stopwatch.StartNew();
        var countFrom = WarmUp;
        var countUntil = WarmUp + Timed;
        using var stop = new CancellationTokenSource();
        var trends = Loop(app, trendsUrl, TrendsReaders, withKey: true, pause: TimeSpan.Zero, clock, countFrom, countUntil, stop.Token);
        var signals = Loop(app, signalsUrl, SignalsReaders, withKey: true, pause: TimeSpan.Zero, clock, countFrom, countUntil, stop.Token);
        var health = Loop(app, "/healthz", 1, withKey: false, pause: HealthEvery, clock, countFrom, countUntil, stop.Token);
        var posted = new List<(double Ms, int Events, TimeSpan StartedAt)>();
        var streamer = ingest is null ? Task.CompletedTask : Task.Run(async () =>
        {
            using var http = Client(app, withKey: true);
            foreach (var (body, events) in ingest)
            {
                if (stop.IsCancellationRequested) break;
                var startedAt = clock.Elapsed;
                var watch = Stopwatch.StartNew();
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var response = await http.PostAsync($"/api/v1/projects/{Slug}/feedback", content);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"POST feedback answered {(int)response.StatusCode}: {text}");
                lock (posted) posted.Add((watch.Elapsed.TotalMilliseconds, events, startedAt));
            }
        });
        await Task.Delay(WarmUp);
        var cpu = new CpuWindow(app.Pid);
        await Task.Delay(Timed);
        cpu.Stop();
        await stop.CancelAsync();
        var t = await trends;
        var s = await signals;
        var h = await health;
        await streamer;

        _report.Line($"  trends: {t.Count} answers, min {Report.F1(t.Min())} ms, max {Report.F1(t.Max())} ms; signals: {s.Count} answers, max {Report.F1(s.Max())} ms;" +
                     $" healthz: {h.Count} answers, max {Report.F1(h.Max())} ms");
        if (ingest is not null)
        {
            var inWindow = posted.Where(p => p.StartedAt >= countFrom && p.StartedAt < countUntil).ToList();
            _report.Line($"  ingest: {posted.Count} batches posted ({inWindow.Count} started in the timed window), each " +
                         string.Join(", ", posted.Select(p => $"{Report.N0(p.Ms)} ms")) +
                         $"; {Report.N0(posted.Sum(p => p.Events) / Math.Max(0.001, posted.Sum(p => p.Ms) / 1000))} events/s while posting");
        }
        _report.Line($"  CPU during the timed window: {cpu.Describe()}");
        _report.Figure(Benchmark, $"trends with {label}: p50 (p95)", $"{Report.F1(Stats.Median(t))} ms ({Report.F1(Stats.P95(t))} ms)",
            $"p95 < {maxP95:F0} ms", Stats.P95(t) < maxP95);
        _report.Figure(Benchmark, $"signals with {label}: p50 (p95)", $"{Report.F1(Stats.Median(s))} ms ({Report.F1(Stats.P95(s))} ms)");
        _report.Figure(Benchmark, $"healthz with {label}: p50 (p95, max)", $"{Report.F1(Stats.Median(h))} ms ({Report.F1(Stats.P95(h))} ms, {Report.F1(h.Max())} ms)");
    }

    /// <summary><paramref name="clients"/> clients calling <paramref name="url"/> until stopped; the times of requests started inside the window.</summary>
    private async Task<List<double>> Loop(AppProcess app, string url, int clients, bool withKey, TimeSpan pause, Stopwatch clock,
        TimeSpan countFrom, TimeSpan countUntil, CancellationToken stop)
    {
        var timings = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var http = Client(app, withKey);
            while (!stop.IsCancellationRequested)
            {
                var startedAt = clock.Elapsed;
                var watch = Stopwatch.StartNew();
                await TrendsBenchmark.GetAsync(http, url);
                var ms = watch.Elapsed.TotalMilliseconds;
                if (startedAt >= countFrom && startedAt < countUntil) lock (timings) timings.Add(ms);
                if (pause > TimeSpan.Zero)
                {
                    try { await Task.Delay(pause, stop); } catch (OperationCanceledException) { /* stopped */ }
                }
            }
        })));
        return timings;
    }

    private HttpClient Client(AppProcess app, bool withKey)
    {
        var http = new HttpClient { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromMinutes(10) };
        if (withKey) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", context.ApiKey);
        return http;
    }

    /// <summary>The ingest phase's bodies: new event ids, no trace ids, timestamps over the range's last 30 days, each just under 32 MiB.</summary>
    private static List<(byte[] Body, int Events)> IngestBatches()
    {
        var mix = new EventMix(seed: 20261205);
        var bodies = new List<(byte[], int)>();
        var next = 0;
        for (var b = 0; b < IngestBodies; b++)
        {
            // 80–90 bytes an event: start above what fits, then drop 2 % at a time until the body fits.
            var events = new List<FeedbackEvent>();
            while (events.Count < BodyBytes / 80)
            {
                var timestamp = mix.NextTimestampOn(EventMix.Days - 1 - mix.NextInt(30));
                events.Add(mix.Next($"readers-{++next:D9}", null, timestamp));
            }
            var body = Ndjson.Body(events);
            while (body.Length > BodyBytes)
            {
                events.RemoveRange(events.Count - events.Count / 50, events.Count / 50);
                body = Ndjson.Body(events);
            }
            bodies.Add((body, events.Count));
        }
        return bodies;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
