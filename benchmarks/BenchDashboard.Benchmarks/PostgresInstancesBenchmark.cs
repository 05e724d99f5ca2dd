using System.Diagnostics;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Two app instances writing at once to one PostgreSQL database (issue 13), against one instance writing everything:
/// the same events, half to each instance, once to two different projects (writers of different projects run side by
/// side) and once to the same project (they take turns on the project's write lock). The figure is the total wall time.
/// </summary>
internal sealed class PostgresInstancesBenchmark(BenchContext context, PostgresCluster cluster)
{
    private const string Benchmark = "instances (postgres)";
    private const string SlugA = "bench-a", SlugB = "bench-b";

    private readonly BenchOptions _options = context.Options;
    private readonly Report _report = context.Report;

    /// <summary>One client's share: the bodies and the project each goes to.</summary>
    private sealed record Share(string[] Slugs, byte[][] Bodies);

    public async Task RunAsync()
    {
        var events = _options.IngestEvents;
        var batchSize = _options.BatchSize;
        _report.Heading($"two app instances on one PostgreSQL database: {Report.N0(events)} events in NDJSON batches of {Report.N0(batchSize)}");
        var mix = new EventMix(seed: 20261122);
        // Four warm-up batches: two for each instance, so no instance's warm-up repeats another's ids.
        var warmUp = mix.Batches("warm", 4 * batchSize, batchSize, chronological: true).Select(Ndjson.Body).ToArray();
        var bodies = mix.Batches("ev", events, batchSize, chronological: _options.Order == EventOrder.Time).Select(Ndjson.Body).ToArray();
        var template = await PostgresTemplate.CreateAsync(context, cluster, SlugA, SlugB);
        var traces = EventMix.TraceIds("warm", 4 * batchSize).Concat(EventMix.TraceIds("ev", events)).ToList();
        foreach (var id in template.ProjectIds.Values) await template.AddTracesAsync(id, traces);
        _report.Line($"  template: the app migrated it and created projects '{SlugA}' and '{SlugB}'; the traces the events name stored in both");
        _report.Line("  every run: a fresh copy, the app process(es) started and warmed up (2 batches each, other ids), then the clock runs from");
        _report.Line("  the first POST until the last answer of every client; each client one connection, its batches one after another");
        _report.Line("  batches alternate between the halves (even batches: first half, odd: second), so both halves span the same days");
        _report.Line("  one instance: one client sends every batch; two instances: one client per instance sends its half, both at once");

        var evens = bodies.Where((_, i) => i % 2 == 0).ToArray();
        var odds = bodies.Where((_, i) => i % 2 == 1).ToArray();
        var scenarios = new (string Name, Share[] One, Share[][] Two, string[] WarmSlugs)[]
        {
            ("two projects",
                [new Share(bodies.Select((_, i) => i % 2 == 0 ? SlugA : SlugB).ToArray(), bodies)],
                [[new Share(Fill(evens.Length, SlugA), evens)], [new Share(Fill(odds.Length, SlugB), odds)]],
                [SlugA, SlugB]),
            ("same project",
                [new Share(Fill(bodies.Length, SlugA), bodies)],
                [[new Share(Fill(evens.Length, SlugA), evens)], [new Share(Fill(odds.Length, SlugA), odds)]],
                [SlugA, SlugA]),
        };

        foreach (var (name, one, two, warmSlugs) in scenarios)
        {
            _report.Line();
            _report.Line($"  {name}: {(name == "two projects" ? $"half the events to '{SlugA}', half to '{SlugB}'" : $"all events to '{SlugA}'")}");
            var ones = new List<double>();
            var twos = new List<double>();
            for (var repetition = 1; repetition <= _options.Repetitions; repetition++)
            {
                if (repetition % 2 == 0) twos.Add(await MeasureAsync(template, $"{name}, two instances", two, warmUp, warmSlugs, events));
                ones.Add(await MeasureAsync(template, $"{name}, one instance", [one], warmUp, warmSlugs, events));
                if (repetition % 2 == 1) twos.Add(await MeasureAsync(template, $"{name}, two instances", two, warmUp, warmSlugs, events));
            }
            var oneMedian = Stats.Median(ones);
            var twoMedian = Stats.Median(twos);
            _report.Figure(Benchmark, $"{name}: one instance, wall time (median)", $"{Report.F2(oneMedian)} s ({Report.N0(events / oneMedian)} events/s)");
            _report.Line($"    each: {string.Join(", ", ones.Select(Report.F2))} s");
            _report.Figure(Benchmark, $"{name}: two instances, wall time (median)", $"{Report.F2(twoMedian)} s ({Report.N0(events / twoMedian)} events/s)",
                "not slower than one", twoMedian <= oneMedian);
            _report.Line($"    each: {string.Join(", ", twos.Select(Report.F2))} s; two / one = {Report.F2(twoMedian / oneMedian)}");
        }
    }

    private static string[] Fill(int count, string slug) => Enumerable.Repeat(slug, count).ToArray();

    /// <summary>One run: a fresh copy, one app per entry of <paramref name="instances"/>, each with its clients; the total wall time.</summary>
    private async Task<double> MeasureAsync(PostgresTemplate template, string label, Share[][] instances, byte[][] warmUp, string[] warmSlugs, int events)
    {
        var database = await template.CopyToAsync("instances");
        var apps = new List<AppProcess>();
        try
        {
            foreach (var _ in instances) apps.Add(await AppProcess.StartOnPostgresAsync(context, cluster.AppConnectionString(database)));
            var warmed = 0;
            for (var k = 0; k < apps.Count; k++)
            {
                for (var w = 0; w < 2; w++) warmed += (int)await FeedbackApi.PostAsync(apps[k].Http, warmSlugs[w], warmUp[2 * k + w]);
            }
            var statements = await StatementStats.StartAsync(cluster, database);
            var postgres = new PostgresCpu(cluster);
            var cpu = apps.Select(a => new CpuWindow(a.Pid)).ToList();
            var wall = Stopwatch.StartNew();
            var accepted = await Task.WhenAll(apps.SelectMany((app, k) => instances[k].Select(share => Task.Run(async () =>
            {
                long sum = 0;
                for (var i = 0; i < share.Bodies.Length; i++) sum += await FeedbackApi.PostAsync(app.Http, share.Slugs[i], share.Bodies[i]);
                return sum;
            }))));
            wall.Stop();
            cpu.ForEach(c => c.Stop());
            if (accepted.Sum() != events) throw new InvalidOperationException($"{label}: the apps accepted {accepted.Sum()} events, not {events}.");
            _report.Line($"    {label}: {Report.F2(wall.Elapsed.TotalSeconds)} s, {Report.N0(events / wall.Elapsed.TotalSeconds)} events/s; CPU: " +
                         string.Join("; ", cpu.Select((c, k) => $"app {k + 1} {Report.F2(c.AppCores)} cores")) +
                         $"; PostgreSQL {Report.F2(postgres.Cores(wall.Elapsed))}; {cpu[0].Describe()}");
            if (statements is not null) await statements.ReportAsync(_report, events);
            foreach (var app in apps) await app.DisposeAsync();
            await using (var connection = await cluster.OpenAsync(database))
            {
                var stored = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM \"FeedbackEvents\"");
                var rolledUp = await connection.ScalarAsync<long>(
                    "SELECT SUM(\"ThumbsUp\" + \"ThumbsDown\" + \"CsatCount\" + \"Rewrites\" + \"Retries\" + \"Undos\" + \"FormatErrors\") FROM \"DailyRollups\"");
                if (stored != events + warmed || rolledUp != stored)
                {
                    throw new InvalidOperationException($"{label}: {stored} events stored and {rolledUp} rolled up, expected {events + warmed}.");
                }
            }
            return wall.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
            await cluster.DropDatabaseAsync(database);
        }
    }
}
