using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Issue 16's "Fast enough": a quarter's audit report of the demo project in under 2 seconds and under 2 MB. The real app
/// seeds its demo (nine months, ~400k traces, 300 cases) on an empty database, anchored on a fixed day so every run
/// builds the same report; then the API issues the last complete quarter's report again and again
/// (<c>GET …/reports/audit.pdf</c>, the same path the Reports page takes through <c>ReportArchive</c>): timed from
/// sending to the last byte, which covers gathering the evidence, the PDF layout, hashing and archiving. Each answer must
/// be a PDF whose <c>Repr-Digest</c> matches its bytes.
/// </summary>
internal sealed class ReportsBenchmark(BenchContext context)
{
    private const string Benchmark = "reports";
    private const string Slug = "support-assistant";
    private const int WarmUp = 2, Timed = 10;
    private const double MaxSeconds = 2.0;
    private const long MaxBytes = 2L * 1024 * 1024;
    /// <summary>The demo's last day; the report covers the quarter before it (2026-Q3).</summary>
    private const string Anchor = "2026-11-01", From = "2026-07-01", To = "2026-09-30";

    private readonly Report _report = context.Report;

    public async Task RunAsync()
    {
        _report.Heading("reports: a quarter's audit report of the demo project (issue 16)");
        var database = Path.Combine(context.Options.WorkDirectory, "reports.db");
        foreach (var file in Directory.GetFiles(context.Options.WorkDirectory, "reports.db*")) File.Delete(file);
        var environment = new Dictionary<string, string>
        {
            ["BenchDashboard__Demo"] = "true",
            ["BenchDashboard__DemoAnchorDate"] = Anchor,
        };
        var seeding = Stopwatch.StartNew();
        await using var app = await AppProcess.StartAsync(context, database, environment);
        _report.Line($"  demo seeded by the app at start, anchored on {Anchor}: ready after {Report.F1(seeding.Elapsed.TotalSeconds)} s");
        _report.Line($"  method: GET /api/v1/projects/{Slug}/reports/audit.pdf?from={From}&to={To} with the bootstrap key, {WarmUp} warm-up and");
        _report.Line($"     {Timed} timed issues one after another, each from sending to the last byte; each issue archives a new report");

        var times = new List<double>();
        var first = 0.0;
        var sizes = new List<long>();
        for (var i = 0; i < WarmUp + Timed; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await app.Http.GetAsync($"/api/v1/projects/{Slug}/reports/audit.pdf?from={From}&to={To}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"issuing answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
            var digest = response.Headers.GetValues("Repr-Digest").Single();
            if (digest != $"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:") throw new InvalidOperationException("Repr-Digest does not match the bytes");
            if (i == 0) first = watch.Elapsed.TotalMilliseconds;
            if (i < WarmUp) continue;
            times.Add(watch.Elapsed.TotalMilliseconds);
            sizes.Add(bytes.LongLength);
        }
        var cpu = app.CpuTime();
        _report.Line($"  per issue: median {Report.F1(Stats.Median(times))} ms, p95 {Report.F1(Stats.P95(times))} ms, max {Report.F1(times.Max())} ms;" +
                     $" PDF {Report.N0(sizes.Max() / 1024.0)} kB; app CPU so far {Report.F1(cpu.TotalSeconds)} s (seeding included)");
        _report.Line($"  the first issue after the start (cold: code not yet compiled, signals not yet computed for the data): {Report.F1(first)} ms");
        _report.Figure(Benchmark, "quarter report, first issue after start", $"{Report.F1(first / 1000)} s", $"< {MaxSeconds:0} s", first / 1000 < MaxSeconds);
        _report.Figure(Benchmark, "quarter report, slowest of the timed issues", $"{Report.F1(times.Max() / 1000)} s", $"< {MaxSeconds:0} s", times.Max() / 1000 < MaxSeconds);
        _report.Figure(Benchmark, "quarter report, size", $"{Report.F2(sizes.Max() / 1024.0 / 1024.0)} MB", "< 2 MB", sizes.Max() < MaxBytes);
    }
}
