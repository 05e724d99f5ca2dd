using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Issue 14's "Fast enough": the Bench page and an upgrade audit page with 2,000 cases and 500 runs open in under a second
/// on the server. A bench of that size (<see cref="BenchPagesLoader"/>) and production traces with versions and feedback
/// are bulk-loaded into a database the app migrated; then the real app, a Lead signed in with the sign-in form's cookie, and
/// plain GETs of each page: the server-side prerender, timed from sending to the last byte of the HTML, after checking
/// that the HTML holds the page's data (so a page that rendered an error or a spinner is never timed as fast).
/// </summary>
internal sealed partial class BenchPagesBenchmark(BenchContext context)
{
    private const string Benchmark = "benchpages";
    private const string Slug = "bench-pages";
    private const string AdminEmail = "bench-admin@bench.local";
    private const string LeadEmail = "bench-lead@bench.local";
    private const int WarmUpRequests = 3, TimedRequests = 20;
    private const double MaxP95Ms = 1_000;
    private const int Seed = 20261206;
    /// <summary>Words the text filter may look for; the one matching closest to 5 % of the cases is used.</summary>
    private static readonly string[] FilterWords = ["refund", "invoice", "password", "delivery", "warranty", "charged", "address", "broken"];

    private readonly Report _report = context.Report;

    /// <summary>A page to time: its address and what its HTML must contain when it did its work.</summary>
    private sealed record PageCase(string Name, string Path, string[] MustContain);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public async Task RunAsync()
    {
        _report.Heading($"benchpages: Bench and upgrade audit pages, {Report.N0(BenchPagesLoader.Cases)} cases and {Report.N0(BenchPagesLoader.Runs)} runs (issue 14)");
        var password = "bench-pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var admin = new Dictionary<string, string>
        {
            ["BenchDashboard__Bootstrap__AdminEmail"] = AdminEmail,
            ["BenchDashboard__Bootstrap__AdminPassword"] = password,
        };
        var template = await TemplateDatabase.CreateAsync(context, Slug, admin);
        var database = template.CopyTo("benchpages.db");
        var (loaded, filterWord, filterMatches) = Load(database, template.ProjectId);

        int auditId;
        await using (var opener = await AppProcess.StartAsync(context, database, admin))
        {
            auditId = await OpenAuditAsync(opener, loaded);
        }
        var pages = Pages(loaded, auditId, filterWord);
        _report.Line($"  text filter: \"{filterWord}\" is in the id or input of {Report.N0(filterMatches)} cases (all statuses); the list shows the active ones");
        DescribeMethod();

        await using (var app = await AppProcess.StartAsync(context, database, admin))
        {
            using var browser = await SignInAsync(app, password);
            var p95s = new List<double>();
            foreach (var page in pages) p95s.Add(await MeasureAsync(app, browser, page));
            _report.Line();
            _report.Line($"  slowest page p95: {Report.F1(p95s.Max())} ms; app VmRSS after the requests: {Report.Mb(ProcessStats.RssBytes(app.Pid) ?? 0)}");
        }
        await QueriesAsync(database, admin, password, pages);
    }

    private static PageCase[] Pages(BenchPagesLoader.Loaded loaded, int auditId, string filterWord)
    {
        var slug = Uri.EscapeDataString(Slug);
        PageCase[] pages =
        [
            new("Bench, cases (default filter)", $"/p/{slug}/bench", ["data-testid=\"case-link\"", ">case-0001<", "data-testid=\"cases-summary\""]),
            new($"Bench, cases, text filter \"{filterWord}\"", $"/p/{slug}/bench?q={filterWord}", ["data-testid=\"case-link\"", "data-testid=\"cases-summary\""]),
            new("Bench, runs tab", $"/p/{slug}/bench?view=runs", ["data-testid=\"run-pass-rate\"", $">run-{BenchPagesLoader.Runs:D4}<"]),
            new($"case page ({loaded.SampleCaseId})", $"/p/{slug}/bench/cases/{loaded.SampleCaseId}", ["data-testid=\"case-facts\"", loaded.SampleCaseId, $"run-{BenchPagesLoader.Runs:D4}"]),
            new($"compare {loaded.LatestBaseRunId} → {loaded.LatestHeadRunId}", $"/p/{slug}/bench/compare?base={loaded.LatestBaseRunId}&head={loaded.LatestHeadRunId}",
                ["data-testid=\"compare-tiles\"", "data-testid=\"compare-changed\""]),
            new("upgrade audits list", $"/p/{slug}/bench/audits", ["data-testid=\"transitions\"", $"data-version=\"{loaded.HeadVersion}\"", "data-testid=\"transition-audit\""]),
            new($"upgrade audit {auditId} ({loaded.BaseVersion} → {loaded.HeadVersion})", $"/p/{slug}/bench/audits/{auditId}",
                ["data-testid=\"audit-figures\"", "data-testid=\"production-periods\"", "went from", "data-testid=\"case-row\""]),
        ];
        return pages;
    }

    /// <summary>
    /// Where each page's time goes: a second app process on the same file with EF Core's command log at Debug, the same
    /// pages requested again, and each request's SQL time read back from the app's output: per command, EF's "Executed
    /// DbCommand (X ms)" (to the first row) plus its "data reader … disposed after spending Y ms reading results" (the rest of
    /// the rows), both whole milliseconds. The interactive circuit's first render runs these same queries once more. A
    /// separate process, so the timed figures above carry no logging.
    /// </summary>
    private async Task QueriesAsync(string database, IReadOnlyDictionary<string, string> admin, string password, PageCase[] pages)
    {
        var environment = new Dictionary<string, string>(admin) { [$"Logging__LogLevel__{CommandCategory}"] = "Debug" };
        await using var app = await AppProcess.StartAsync(context, database, environment);
        using var browser = await SignInAsync(app, password);
        _report.Line();
        _report.Line($"  SQL per page: a second app process with Logging__LogLevel__{CommandCategory}=Debug; per page 1 warm-up and");
        _report.Line($"     {QueryRequests} GETs; per request the commands EF ran, each as executing (to the first row) + reading the rest, summed");
        _report.Line("     (whole ms from EF's log; components that load side by side may overlap, so the sum can exceed the wall time).");
        _report.Line("     The circuit's first render repeats the page's queries: this is also about the database part of that render");
        foreach (var page in pages)
        {
            await GetPageAsync(browser, page);
            var perRequest = new List<(int Commands, double SqlMs, double PageMs, (int Ms, string Sql) Slowest)>();
            for (var i = 0; i < QueryRequests; i++)
            {
                var offset = app.Output.Length;
                var (ms, _) = await GetPageAsync(browser, page);
                // The console logger writes on its own thread: wait until the output stops growing.
                var length = -1;
                while (app.Output.Length != length)
                {
                    length = app.Output.Length;
                    await Task.Delay(150);
                }
                var output = app.Output[offset..];
                var executed = ExecutedLine().Matches(output).Select(m => (Ms: int.Parse(m.Groups[1].Value, Report.Invariant), Sql: m.Groups[2].Value.Trim())).ToList();
                var reading = ReadingLine().Matches(output).Select(m => int.Parse(m.Groups[1].Value, Report.Invariant)).ToList();
                // Commands of one request run one after another unless two components load at once; paired in order when the counts agree.
                var paired = executed.Count == reading.Count
                    ? executed.Select((e, k) => (Ms: e.Ms + reading[k], e.Sql)).ToList()
                    : executed;
                var slowest = paired.OrderByDescending(c => c.Ms).FirstOrDefault();
                perRequest.Add((executed.Count, executed.Sum(e => e.Ms) + reading.Sum(), ms, (slowest.Ms, slowest.Sql ?? "")));
            }
            var sql = perRequest.Select(r => r.SqlMs).ToList();
            var total = perRequest.Select(r => r.PageMs).ToList();
            var worst = perRequest.OrderByDescending(r => r.Slowest.Ms).First().Slowest;
            _report.Line($"  {page.Name}: {perRequest[0].Commands} commands a request; SQL median {Report.F1(Stats.Median(sql))} ms of a page median " +
                         $"{Report.F1(Stats.Median(total))} ms (logging on); slowest command {worst.Ms} ms: {Cut(worst.Sql, 110)}");
        }
    }

    private const string CommandCategory = "Microsoft.EntityFrameworkCore.Database.Command";
    private const int QueryRequests = 5;

    /// <summary>EF Core's "Executed DbCommand (12ms) [Parameters=…]" line and the first line of the SQL after it.</summary>
    [GeneratedRegex(@"Executed DbCommand \((\d+)ms\) \[[^\n]*\n\s*([^\n]*)")]
    private static partial Regex ExecutedLine();

    /// <summary>EF Core's RelationalEventId.DataReaderDisposing message (Debug).</summary>
    [GeneratedRegex(@"is being disposed after spending (\d+)ms reading results")]
    private static partial Regex ReadingLine();

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private (BenchPagesLoader.Loaded Loaded, string FilterWord, long FilterMatches) Load(string database, int projectId)
    {
        using var connection = Sqlite.Open(database);
        SeedLead(connection);
        var clock = Stopwatch.StartNew();
        var loaded = new BenchPagesLoader(connection, projectId, Seed).Load();
        var loadSeconds = clock.Elapsed.TotalSeconds;
        // The rollups and input-length histograms the app keeps beside the traces, rebuilt as the trends benchmark does,
        // so the project is one the app could have built itself (the pages here do not read them).
        var rebuild = new BulkLoader(connection, projectId, Seed);
        rebuild.RebuildRollups();
        rebuild.RebuildInputLengths();
        var rebuildSeconds = clock.Elapsed.TotalSeconds - loadSeconds;
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");

        var cases = connection.Scalar<long>("SELECT COUNT(*) FROM BenchCases");
        var runs = connection.Scalar<long>("SELECT COUNT(*) FROM BenchRuns");
        var results = connection.Scalar<long>("SELECT COUNT(*) FROM BenchResults");
        var versions = connection.Scalar<long>("SELECT COUNT(*) FROM PipelineVersions");
        var traces = connection.Scalar<long>("SELECT COUNT(*) FROM ProductionTraces WHERE PipelineVersionId IS NOT NULL");
        var events = connection.Scalar<long>("SELECT COUNT(*) FROM FeedbackEvents");
        if (cases != BenchPagesLoader.Cases || runs != BenchPagesLoader.Runs || results != loaded.Results || versions != BenchPagesLoader.Versions
            || traces != loaded.Traces || events != loaded.Events)
        {
            throw new InvalidOperationException($"The bulk load does not hold what was written: {cases} cases, {runs} runs, {results} results, {versions} versions, {traces} traces, {events} events.");
        }
        var (word, matches) = FilterWords
            .Select(w => (Word: w, Matches: connection.Scalar<long>($"SELECT COUNT(*) FROM BenchCases WHERE instr(lower(ExternalId), '{w}') > 0 OR instr(lower(Input), '{w}') > 0")))
            .OrderBy(m => Math.Abs(m.Matches - BenchPagesLoader.Cases / 20)).First();

        _report.Line($"  template: a database the app migrated, project '{Slug}' (PUT over the API), the bootstrap admin {AdminEmail} (fresh password per run)");
        _report.Line($"     and a Lead, {LeadEmail}, seeded as a copy of the admin's account (same password hash) with the Lead role; app stopped");
        _report.Line($"  bulk load (set-up, app not running, one transaction, prepared INSERTs) in {Report.F1(loadSeconds)} s, rollups and input-length");
        _report.Line($"     histograms rebuilt in {Report.F1(rebuildSeconds)} s; database file {Report.Mb(new FileInfo(database).Length)}:");
        _report.Line($"  bench: {Report.N0(cases)} cases (inputs 120–320 characters of English-like text, 6 categories): {loaded.GapCases} production-gap cases (with a trace");
        _report.Line($"     snapshot) and {loaded.IncidentCases} incident cases that join the bench at a point in the last two thirds of the range, {loaded.RetiredCases} retired at a");
        _report.Line($"     point in the second half ({loaded.RetiredStillRun} of them still in the runner's list: later results stored, not counted);");
        _report.Line($"     {loaded.HardCases} hard cases (pass 25 %), {loaded.FlakyCases} flaky (60 %), the rest 99 %, and each version breaks ~1 % of cases");
        _report.Line($"     (their pass chance × 0.3 on that version); {BenchPagesLoader.Versions} pipeline versions deployed evenly over {EventMix.Days} days ({EventMix.FirstDay:yyyy-MM-dd} … {EventMix.LastDay:yyyy-MM-dd})");
        _report.Line($"  runs: {Report.N0(runs)} evenly over the range ({BenchPagesLoader.Runs / BenchPagesLoader.Versions} per version), each with a result for every case in the bench when it");
        _report.Line($"     started: {Report.N0(results)} results, {Report.F1(100.0 * loaded.Passed / results)} % passing");
        _report.Line($"  production: {Report.N0(traces)} traces ({BenchPagesLoader.TracesPerDay} a day, each on the version live at its time) and {Report.N0(events)} feedback events");
        _report.Line($"     about them (0–{2 * BenchPagesLoader.MeanEventsPerTrace} per trace, ingest's mix of kinds); no sampling rounds (the audit's blind-spot panel finds none)");
        return (loaded, word, matches);
    }

    /// <summary>A Lead account: the bootstrap admin's row copied under another email (same password), with the Lead role.</summary>
    private static void SeedLead(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var user = connection.Prepare("""
            INSERT INTO AspNetUsers (Id, AccessFailedCount, ConcurrencyStamp, DisplayName, Email, EmailConfirmed, LockoutEnabled, LockoutEnd,
                NormalizedEmail, NormalizedUserName, PasswordHash, PhoneNumber, PhoneNumberConfirmed, SecurityStamp, TwoFactorEnabled, UserName)
            SELECT $id, 0, $stamp, 'Bench lead', $email, 1, LockoutEnabled, NULL, upper($email), upper($email), PasswordHash, NULL, 0, $security, 0, $email
            FROM AspNetUsers WHERE NormalizedEmail = upper($admin)
            """, transaction, "$id", "$stamp", "$email", "$security", "$admin");
        var id = Guid.NewGuid().ToString();
        user.Parameters["$id"].Value = id;
        user.Parameters["$stamp"].Value = Guid.NewGuid().ToString();
        user.Parameters["$email"].Value = LeadEmail;
        user.Parameters["$security"].Value = Guid.NewGuid().ToString("N").ToUpperInvariant();
        user.Parameters["$admin"].Value = AdminEmail;
        if (user.ExecuteNonQuery() != 1) throw new InvalidOperationException("The bootstrap admin to copy the Lead from is missing.");
        using var role = connection.Prepare("INSERT INTO AspNetUserRoles (UserId, RoleId) SELECT $id, Id FROM AspNetRoles WHERE NormalizedName = 'LEAD'",
            transaction, "$id");
        role.Parameters["$id"].Value = id;
        if (role.ExecuteNonQuery() != 1) throw new InvalidOperationException("There is no Lead role to give the seeded account.");
        transaction.Commit();
    }

    /// <summary>The audit of the newest runs of the last two versions, opened as a runner's script would: POST …/upgrade-audits.</summary>
    private async Task<int> OpenAuditAsync(AppProcess app, BenchPagesLoader.Loaded loaded)
    {
        var body = JsonSerializer.Serialize(new { baseRunId = loaded.LatestBaseRunId, headRunId = loaded.LatestHeadRunId });
        var clock = Stopwatch.StartNew();
        using var response = await app.Http.PostAsync($"/api/v1/projects/{Slug}/upgrade-audits", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var ms = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST upgrade-audits answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        _report.Line();
        _report.Line($"  audit opened through the API (POST …/upgrade-audits, {loaded.LatestBaseRunId} on {loaded.BaseVersion} → {loaded.LatestHeadRunId} on {loaded.HeadVersion}): " +
                     $"201 in {Report.F1(ms)} ms (first request of the process: cold); newly failing {root.GetProperty("newlyFailing").GetArrayLength()}, " +
                     $"newly passing {root.GetProperty("newlyPassing").GetArrayLength()}, still failing {root.GetProperty("stillFailing").GetArrayLength()}, " +
                     $"added {root.GetProperty("added").GetArrayLength()}, removed {root.GetProperty("removed").GetArrayLength()}");
        return root.GetProperty("auditId").GetInt32();
    }

    /// <summary>Signs the Lead in through the login form, as a browser posts it (AppFactory.SignInAsync in the tests does the same).</summary>
    private static async Task<HttpClient> SignInAsync(AppProcess app, string password)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = app.BaseUrl,
            Timeout = TimeSpan.FromMinutes(5),
        };
        var login = await http.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(login).Groups[1].Value;
        if (token.Length == 0) throw new InvalidOperationException("The sign-in page carries no antiforgery token.");
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = LeadEmail,
            ["Input.Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Signing in as {LeadEmail} answered {(int)response.StatusCode} → {response.Headers.Location}: {await response.Content.ReadAsStringAsync()}\n{app.Output}");
        }
        return http;
    }

    private void DescribeMethod()
    {
        _report.Line();
        _report.Line("  app: a fresh process on the loaded file, Production as for the other benchmarks (demo off, bootstrap admin and key)");
        _report.Line($"  client: one HttpClient with the sign-in cookie of {LeadEmail} (GET /account/login, POST the form with its antiforgery token),");
        _report.Line("     no redirects followed (a redirect to the sign-in page would be an error, not a fast page)");
        _report.Line($"  per page: {WarmUpRequests} warm-up GETs, then {TimedRequests} timed GETs one after another; each timed from sending to the last byte of");
        _report.Line("     the HTML read, on loopback: the server-side prerender of the page with all its queries (the pages do not stream,");
        _report.Line("     so the whole page is one answer). Every answer must be 200 and hold the page's data (a case id, a run id, the audit's");
        _report.Line("     figures and production sentences); percentiles by nearest rank. Not measured: the interactive circuit a browser then");
        _report.Line("     opens, whose first render runs the same queries again, and the browser's own work. Beside the times: the app's CPU");
        _report.Line("     time over the timed requests (/proc) divided by their number, which other processes taking the cores do not inflate");
    }

    private async Task<double> MeasureAsync(AppProcess app, HttpClient http, PageCase page)
    {
        _report.Line();
        _report.Line($"  {page.Name}: GET {page.Path}");
        var warmUp = new List<double>(WarmUpRequests);
        var bytes = 0;
        for (var i = 0; i < WarmUpRequests; i++)
        {
            var (ms, size) = await GetPageAsync(http, page);
            warmUp.Add(ms);
            bytes = size;
        }
        var cpu = new CpuWindow(app.Pid);
        var timings = new List<double>(TimedRequests);
        for (var i = 0; i < TimedRequests; i++) timings.Add((await GetPageAsync(http, page)).Ms);
        cpu.Stop();
        var p95 = Stats.P95(timings);
        _report.Line($"    warm-up (not counted, the first is the page's first request in this process): {string.Join(", ", warmUp.Select(Report.F1))} ms");
        _report.Line($"    HTML {Report.N0(bytes)} bytes; median {Report.F1(Stats.Median(timings))} ms, p95 {Report.F1(p95)} ms, min {Report.F1(timings.Min())} ms, max {Report.F1(timings.Max())} ms");
        _report.Line($"    CPU: {cpu.Describe()}");
        // The app's CPU time per request does not grow when other processes take the cores, unlike the wall times above.
        var cpuPerRequest = cpu.App.TotalMilliseconds / TimedRequests;
        _report.Figure(Benchmark, $"{page.Name} median / max", $"{Report.F1(Stats.Median(timings))} ms / {Report.F1(timings.Max())} ms");
        _report.Figure(Benchmark, $"{page.Name} app CPU per request", $"{Report.F1(cpuPerRequest)} ms");
        _report.Figure(Benchmark, $"{page.Name} p95", $"{Report.F1(p95)} ms", $"< {MaxP95Ms:F0} ms", p95 < MaxP95Ms);
        return p95;
    }

    private static async Task<(double Ms, int Bytes)> GetPageAsync(HttpClient http, PageCase page)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(page.Path, HttpCompletionOption.ResponseContentRead);
        var html = await response.Content.ReadAsStringAsync();
        var ms = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {page.Path} answered {(int)response.StatusCode} {response.Headers.Location}: {html[..Math.Min(html.Length, 2_000)]}");
        }
        var missing = page.MustContain.Where(m => !html.Contains(m, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"GET {page.Path}: the HTML lacks {string.Join(", ", missing)}, so the page did not render its data:\n{html[..Math.Min(html.Length, 4_000)]}");
        }
        return (ms, Encoding.UTF8.GetByteCount(html));
    }
}
