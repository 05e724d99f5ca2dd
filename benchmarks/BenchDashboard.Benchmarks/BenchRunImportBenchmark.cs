using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Issue 12, finding 4: one bench run of 100,000 results (the probe's 5.5 MB) POSTed to the real app, beside the same number
/// of feedback events in one NDJSON POST in the same app; one-event feedback posts sent while the run imports; and what a
/// feedback post, a bench-run post and a sign-in answer while another process holds the database's write lock.
/// </summary>
internal sealed partial class BenchRunImportBenchmark(BenchContext context)
{
    private const string Benchmark = "bench-run import";
    private const string Slug = "bench-runs";
    private const string AdminEmail = "bench-admin@bench.local";
    private const double MaxSeconds = 3;
    private const int WarmUpResults = 2_000;

    private readonly BenchOptions _options = context.Options;
    private readonly Report _report = context.Report;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public async Task RunAsync()
    {
        var results = _options.BenchRunResults;
        _report.Heading($"bench-run import (issue 12): one run of {Report.N0(results)} results, beside {Report.N0(results)} feedback events in one request");
        var run = RunBody("run", results);
        var warmRun = RunBody("warm", WarmUpResults);
        var feedback = Ndjson.Body(new EventMix(seed: 20261205).Batches("fb", results, results, chronological: true)[0]);
        var warmFeedback = Ndjson.Body(new EventMix(seed: 1).Batches("warm", WarmUpResults, WarmUpResults, chronological: true)[0]);
        _report.Line($"  bodies generated up front: the run {Report.Mb(run.Length)} ({Report.N0(run.Length / (double)results)} B/result: caseId, passed, score),");
        _report.Line($"     the feedback {Report.Mb(feedback.Length)} of NDJSON; every case is new to the project (the costly case: a case row per result)");

        var password = "bench-pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var admin = new Dictionary<string, string>
        {
            ["BenchDashboard__Bootstrap__AdminEmail"] = AdminEmail,
            ["BenchDashboard__Bootstrap__AdminPassword"] = password,
        };
        var template = await TemplateDatabase.CreateAsync(context, Slug, admin);
        _report.Line("  each repetition: a fresh copy of a migrated database with the project, a fresh app process; a warm-up run and");
        _report.Line($"     feedback batch of {Report.N0(WarmUpResults)} (other ids) first, not counted; then the run and the feedback POSTed one after");
        _report.Line("     the other (which goes first alternates), each timed from sending to the whole answer; while the run imports, a");
        _report.Line("     one-event feedback POST every 100 ms on a second connection (answers and slowest time recorded)");

        var runSeconds = new List<double>();
        var feedbackSeconds = new List<double>();
        var concurrent = new List<(HttpStatusCode Status, double Ms)>();
        for (var repetition = 1; repetition <= _options.Repetitions; repetition++)
        {
            var database = template.CopyTo("bench-run.db");
            await using var app = await AppProcess.StartAsync(context, database, admin);
            await PostAsync(app.Http, "bench-runs", warmRun, "application/json", HttpStatusCode.Created);
            await PostAsync(app.Http, "feedback", warmFeedback, "application/x-ndjson", HttpStatusCode.OK);

            double runTime = 0, feedbackTime = 0;
            List<(HttpStatusCode, double)> during = [];
            async Task TimeRunAsync()
            {
                using var stop = new CancellationTokenSource();
                var probes = FeedbackDuringAsync(app, stop.Token);
                runTime = await PostAsync(app.Http, "bench-runs", run, "application/json", HttpStatusCode.Created);
                await stop.CancelAsync();
                during = await probes;
            }
            async Task TimeFeedbackAsync() => feedbackTime = await PostAsync(app.Http, "feedback", feedback, "application/x-ndjson", HttpStatusCode.OK);
            if (repetition % 2 == 1) { await TimeRunAsync(); await TimeFeedbackAsync(); }
            else { await TimeFeedbackAsync(); await TimeRunAsync(); }

            runSeconds.Add(runTime);
            feedbackSeconds.Add(feedbackTime);
            concurrent.AddRange(during);
            _report.Line($"  repetition {repetition}: run {Report.F2(runTime)} s ({Report.N0(results / runTime)} results/s), feedback {Report.F2(feedbackTime)} s " +
                         $"({Report.N0(results / feedbackTime)} events/s); one-event posts during the run: {Describe(during)}");
            if (repetition == _options.Repetitions) await MeasureLockedAsync(app, database, password);
            await app.DisposeAsync();
            Verify(database, results);
        }

        var runMedian = Stats.Median(runSeconds);
        var feedbackMedian = Stats.Median(feedbackSeconds);
        _report.Line();
        _report.Figure(Benchmark, $"{Report.N0(results)}-result run, one POST", $"{Report.F2(runMedian)} s", $"< {MaxSeconds:F0} s", runMedian < MaxSeconds);
        _report.Figure(Benchmark, $"{Report.N0(results)} feedback events, one POST", $"{Report.F2(feedbackMedian)} s");
        _report.Figure(Benchmark, "run / feedback time", $"{runMedian / feedbackMedian:F2}");
        var failed = concurrent.Count(c => c.Status != HttpStatusCode.OK);
        _report.Figure(Benchmark, "one-event posts during the run", $"{concurrent.Count - failed} of {concurrent.Count} answered 200, slowest {Report.N0(concurrent.Select(c => c.Ms).DefaultIfEmpty().Max())} ms",
            "all 200", failed == 0);
    }

    /// <summary>The run as API.md shows it: case ids new to the project, three in four passing, a score each.</summary>
    private static byte[] RunBody(string runId, int results)
    {
        var json = new StringBuilder(results * 60);
        json.Append($$"""{"runId":"{{runId}}","version":"v1","startedAt":"2026-03-01T10:00:00Z","results":[""");
        for (var i = 0; i < results; i++)
        {
            if (i > 0) json.Append(',');
            json.Append($$"""{"caseId":"{{runId}}-{{i:D6}}","passed":{{(i % 4 != 0 ? "true" : "false")}},"score":0.{{i % 100:D2}}}""");
        }
        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    private static async Task<double> PostAsync(HttpClient http, string path, byte[] body, string contentType, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync($"/api/v1/projects/{Slug}/{path}", content);
        var text = await response.Content.ReadAsStringAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (response.StatusCode != expected) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return seconds;
    }

    /// <summary>One-event feedback posts, 100 ms apart, on their own connection, until the run's answer arrives.</summary>
    private static async Task<List<(HttpStatusCode, double)>> FeedbackDuringAsync(AppProcess app, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = app.Http.DefaultRequestHeaders.Authorization;
        var answers = new List<(HttpStatusCode, double)>();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync($"/api/v1/projects/{Slug}/feedback", OneEvent($"during-{Guid.NewGuid():N}"));
            answers.Add((response.StatusCode, clock.Elapsed.TotalMilliseconds));
            try { await Task.Delay(100, stop); } catch (OperationCanceledException) { break; }
        }
        return answers;
    }

    private static StringContent OneEvent(string id) =>
        new($$"""{"eventId":"{{id}}","timestamp":"2026-03-01T10:00:00Z","kind":"thumbs_up"}""" + "\n", Encoding.UTF8, "application/x-ndjson");

    private static string Describe(List<(HttpStatusCode Status, double Ms)> answers) => answers.Count == 0
        ? "none (the run answered first)"
        : $"{answers.Count(a => a.Status == HttpStatusCode.OK)} of {answers.Count} answered 200, slowest {Report.N0(answers.Max(a => a.Ms))} ms";

    /// <summary>
    /// Another process (this one) holds the write lock with BEGIN IMMEDIATE; a one-event feedback post, a small bench run and a
    /// sign-in are sent at once. Each must answer 503 with Retry-After after the busy timeout, never 500; then the lock goes
    /// and each is sent again.
    /// </summary>
    private async Task MeasureLockedAsync(AppProcess app, string database, string password)
    {
        _report.Line("  writer holds the lock (last repetition's app): this program opens the file and runs BEGIN IMMEDIATE, then sends at once");
        _report.Line("     a one-event feedback POST, a 10-result bench-run POST and a sign-in form POST; each timed to its whole answer");
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(await browser.GetStringAsync("/account/login")).Groups[1].Value);
        HttpContent SignInForm() => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = AdminEmail, ["Input.Password"] = password,
        });
        var smallRun = RunBody("locked", 10);
        async Task<(string Name, HttpStatusCode Status, string? RetryAfter, double Ms)> SendAsync(string name, Func<Task<HttpResponseMessage>> send)
        {
            var clock = Stopwatch.StartNew();
            using var response = await send();
            await response.Content.ReadAsByteArrayAsync();
            return (name, response.StatusCode, response.Headers.RetryAfter?.ToString(), clock.Elapsed.TotalMilliseconds);
        }
        Task<(string Name, HttpStatusCode Status, string? RetryAfter, double Ms)>[] Requests() =>
        [
            SendAsync("feedback", () => app.Http.PostAsync($"/api/v1/projects/{Slug}/feedback", OneEvent($"locked-{Guid.NewGuid():N}"))),
            SendAsync("bench run", () => app.Http.PostAsync($"/api/v1/projects/{Slug}/bench-runs",
                new ByteArrayContent(smallRun) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } })),
            SendAsync("sign-in", () => browser.PostAsync("/account/login", SignInForm())),
        ];

        (string Name, HttpStatusCode Status, string? RetryAfter, double Ms)[] locked;
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            locked = await Task.WhenAll(Requests());
            transaction.Rollback();
        }
        var after = await Task.WhenAll(Requests());
        foreach (var (name, status, retryAfter, ms) in locked)
        {
            _report.Line($"    while locked: {name} answered {(int)status}{(retryAfter is null ? "" : $", Retry-After {retryAfter}")} after {Report.N0(ms)} ms");
        }
        foreach (var (name, status, _, ms) in after) _report.Line($"    lock released: {name} answered {(int)status} after {Report.N0(ms)} ms");
        var all503 = locked.All(l => l.Status == HttpStatusCode.ServiceUnavailable && l.RetryAfter is not null);
        var slowest = locked.Max(l => l.Ms);
        _report.Figure(Benchmark, "writer holds the lock: answers", string.Join(", ", locked.Select(l => $"{l.Name} {(int)l.Status}")),
            "503 + Retry-After, never 500", all503);
        _report.Figure(Benchmark, "writer holds the lock: slowest answer", $"{Report.N0(slowest)} ms", "< 10,000 ms", slowest < 10_000);
        var recovered = after.All(a => a.Status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Redirect);
        _report.Figure(Benchmark, "lock released: answers", string.Join(", ", after.Select(a => $"{a.Name} {(int)a.Status}")), "200/201/302", recovered);
    }

    /// <summary>After the app stopped: the run's results all stored, each with its own case.</summary>
    private void Verify(string database, int results)
    {
        using var connection = Sqlite.Open(database);
        var stored = connection.Scalar<long>("SELECT COUNT(*) FROM BenchResults x JOIN BenchRuns r ON r.Id = x.BenchRunId WHERE r.RunId = 'run'");
        var cases = connection.Scalar<long>("SELECT COUNT(*) FROM BenchCases WHERE ExternalId LIKE 'run-%'");
        if (stored != results || cases != results) throw new InvalidOperationException($"The app stored {stored} results and {cases} cases, not {results}.");
    }
}
