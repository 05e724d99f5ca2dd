using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Issue 5's target, "a 100-trace round with 2,000-character traces: moving to the next trace takes under 100 ms on the
/// server": a reviewer signed in to the real app in Chromium presses "j" through a seeded round, one move at a time. The
/// server's figure is what the workbench page itself logs per move (Debug, category
/// <c>BenchDashboard.Features.Review.WorkbenchPage</c>: from the key being handled to the new trace's render being done);
/// the browser's figure (key down to the heading's text changing) is reported beside it.
/// </summary>
internal sealed partial class WorkbenchBenchmark(BenchContext context)
{
    private const string Benchmark = "workbench";
    private const string Slug = "bench-review";
    private const string AdminEmail = "bench-admin@bench.local";
    private const string LogCategory = "BenchDashboard.Features.Review.WorkbenchPage";
    /// <summary>Warm-up: forward this many traces, then back to the first; not counted.</summary>
    private const int WarmUpMoves = 9;
    private const double MaxServerMs = 100;
    private const int Seed = 20261124;
    /// <summary>Lower bounds of the server-time buckets the summary counts moves in (ms).</summary>
    private static readonly double[] Buckets = [0, 10, 20, 30, 50, 100];

    private readonly BenchOptions _options = context.Options;
    private readonly Report _report = context.Report;

    /// <summary>The page's own log line (WorkbenchPage.razor.cs, OnAfterRenderAsync); the console logger puts it on the line after the category.</summary>
    [GeneratedRegex(@"Workbench moved to trace (\d+) of round (\d+) in (\d+(?:\.\d+)?) ms \(loading (\d+(?:\.\d+)?) ms\)")]
    private static partial Regex MoveLine();

    /// <summary>One timed move: the server's figures from its log line and the browser's, matched by position.</summary>
    private sealed record Move(int Pass, int Position, double ServerMs, double LoadMs, double ClientMs);

    /// <summary>Records, in the page, when a key went down and when the h1's text last changed (performance.now(), ms).</summary>
    private const string InstallProbe = """
        () => {
          const wb = window.__benchWorkbench = { down: 0, heading: '', changedAt: 0 };
          wb.read = () => {
            const h = document.querySelector('h1');
            const text = h ? h.textContent : '';
            if (text !== wb.heading) { wb.heading = text; wb.changedAt = performance.now(); }
          };
          window.addEventListener('keydown', () => { wb.down = performance.now(); }, true);
          wb.read();
          new MutationObserver(wb.read).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    /// <summary>Resolves with (heading changed − key down) once the h1 holds the expected text; rejects after 30 s.</summary>
    private const string WaitForHeading = """
        expected => new Promise((resolve, reject) => {
          const wb = window.__benchWorkbench;
          const done = () => { wb.read(); return wb.heading.includes(expected); };
          if (done()) { resolve(wb.changedAt - wb.down); return; }
          const observer = new MutationObserver(() => {
            if (done()) { observer.disconnect(); clearTimeout(timer); resolve(wb.changedAt - wb.down); }
          });
          const timer = setTimeout(() => { observer.disconnect(); reject(new Error('heading never showed "' + expected + '": "' + wb.heading + '"')); }, 30000);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        })
        """;

    public async Task RunAsync()
    {
        var traces = WorkbenchSeeder.Traces;
        _report.Heading($"workbench: moving through a {traces}-trace round of {Report.N0(WorkbenchSeeder.TraceChars)}-character traces in Chromium");

        // A fresh password per run, like the API key: the bootstrap admin (Admin may review) is who signs in.
        var password = "bench-pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var admin = new Dictionary<string, string>
        {
            ["BenchDashboard__Bootstrap__AdminEmail"] = AdminEmail,
            ["BenchDashboard__Bootstrap__AdminPassword"] = password,
        };
        var template = await TemplateDatabase.CreateAsync(context, Slug, admin);
        var clock = Stopwatch.StartNew();
        var seeded = WorkbenchSeeder.Seed(template.Path, template.ProjectId, AdminEmail, Seed);
        var seedSeconds = clock.Elapsed.TotalSeconds;
        var database = template.CopyTo("workbench.db");
        DescribeData(seeded, seedSeconds);

        var environment = new Dictionary<string, string>(admin)
        {
            [$"Logging__LogLevel__{LogCategory}"] = "Debug",
        };
        await using var app = await AppProcess.StartAsync(context, database, environment);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // As tests/BenchDashboard.Tests/Browser/BrowserFixture.cs: Debian's Chromium (Playwright's own download cannot work here).
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        await using var browserContext = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        browserContext.SetDefaultTimeout(30_000);
        var page = await browserContext.NewPageAsync();
        DescribeMethod(browser.Version);

        var moves = new List<Move>();
        try
        {
            await SignInAsync(page, password);
            _report.Line();
            _report.Line($"  warm-up (not counted): open item=1, 'j' {WarmUpMoves} times, 'k' {WarmUpMoves} times back to trace 1");
            await OpenAsync(page, seeded.RoundId);
            for (var n = 2; n <= WarmUpMoves + 1; n++) await MoveAsync(page, "j", n);
            for (var n = WarmUpMoves; n >= 1; n--) await MoveAsync(page, "k", n);

            for (var pass = 1; pass <= _options.WorkbenchPasses; pass++)
            {
                await OpenAsync(page, seeded.RoundId);
                var logOffset = app.Output.Length;
                var client = new List<double>(traces - 1);
                var cpu = new CpuWindow(app.Pid);
                var browserCpu = BrowserCpu.Start(app.Pid);
                var passClock = Stopwatch.StartNew();
                for (var n = 2; n <= traces; n++)
                {
                    if (_options.WorkbenchPauseMs > 0) await Task.Delay(_options.WorkbenchPauseMs);
                    client.Add(await MoveAsync(page, "j", n));
                }
                var passSeconds = passClock.Elapsed.TotalSeconds;
                cpu.Stop();
                var browserCores = browserCpu.Cores(passSeconds);
                var server = await ServerMovesAsync(app, logOffset, seeded.RoundId, traces - 1);
                var passMoves = server.Select((s, i) => new Move(pass, s.Position, s.ServerMs, s.LoadMs, client[i])).ToList();
                moves.AddRange(passMoves);
                DescribePass(pass, passMoves, passSeconds, cpu, browserCores);
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            var heading = await page.Locator("h1").First.TextContentAsync(new LocatorTextContentOptions { Timeout = 2_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "?");
            throw new InvalidOperationException($"The browser run stopped at {page.Url} (h1: \"{heading}\"): {ex.Message}\napp output:\n{app.Output}", ex);
        }
        Summarise(moves);
        _report.Line($"  app VmRSS after the passes: {Report.Mb(ProcessStats.RssBytes(app.Pid) ?? 0)}");
    }

    private void DescribeData(WorkbenchSeeder.Seeded seeded, double seconds)
    {
        _report.Line($"  template: a database the app migrated, with project '{Slug}' (PUT over the API) and the bootstrap admin {AdminEmail}");
        _report.Line("     (BenchDashboard__Bootstrap__AdminEmail/AdminPassword, a fresh password per run), then stopped; seeded directly");
        _report.Line($"     with SQLite in {Report.F1(seconds)} s (seed {Seed}), app stopped; the run below uses a copy");
        _report.Line($"  data: {seeded.Traces} production traces, input and output each exactly {Report.N0(WorkbenchSeeder.TraceChars)} characters of English-like");
        _report.Line($"     text ({EnglishText.VocabularySize} customer-support words, Zipf-like frequencies, sentences of 6–18 words, paragraphs of 3–6),");
        _report.Line($"     categories drawn from {string.Join(", ", WorkbenchSeeder.Categories)}; one pipeline version; " +
                     $"{Report.N0(seeded.FeedbackEvents)} feedback events ({WorkbenchSeeder.MinFeedbackPerTrace}–{WorkbenchSeeder.MaxFeedbackPerTrace} per trace, ingest's mix)");
        _report.Line($"     {seeded.Cases} active bench cases (inputs {Report.F1(seeded.MeanCaseChars)} characters on average, same vocabulary: the BM25");
        _report.Line("     suggestions the workbench computes for every trace score many candidates); rollups rebuilt");
        _report.Line($"     one open round {seeded.RoundId} (period {WorkbenchSeeder.Period}, Uniform, size {seeded.Traces}), positions 1–{seeded.Traces} in drawn order, all assigned to the admin");
    }

    private void DescribeMethod(string chromiumVersion)
    {
        _report.Line();
        _report.Line($"  app: a fresh process on the copy, Production as for the other benchmarks (demo off, bootstrap admin), with");
        _report.Line($"     Logging__LogLevel__{LogCategory}=Debug for the page's timing line");
        _report.Line($"  browser: Chromium {chromiumVersion} (/usr/bin/chromium, headless, BrowserFixture's arguments) through Microsoft.Playwright, 1400×900;");
        _report.Line("     signed in through /account/login; /p/bench-review/review/{round}?item=1 is ready when body[data-workbench-keys=on] and");
        _report.Line("     [data-testid=circuit-ready] are attached and the h1 says 'trace 1 of 100'");
        _report.Line($"  timed passes: {_options.WorkbenchPasses}, each on a fresh page load at item=1 (a new circuit): 'j' pressed 99 times, each press only");
        _report.Line("     after the h1 shows 'trace n of 100' for the previous one, so moves never overlap; " +
                     (_options.WorkbenchPauseMs > 0
                         ? $"then a pause of {_options.WorkbenchPauseMs} ms (--pause) before the next press"
                         : "the next press follows at once (a fast reviewer holding 'j')"));
        _report.Line("  server time per move: the page's own Debug line \"Workbench moved to trace … in X ms (loading Y ms)\", read from the app's");
        _report.Line("     console output: X from the key being handled (GoAsync, after the page's one-at-a-time gate) to OnAfterRenderAsync of the");
        _report.Line("     new trace's render, which Blazor Server calls once the browser has acknowledged applying that render batch, so X holds");
        _report.Line("     one trip of the batch to the browser and back; a wait at the gate (behind the previous move's address update, which");
        _report.Line("     re-reads the round and the queue) is not in X. Y: the part spent loading the trace (trace, feedback, label, progress,");
        _report.Line("     BM25 suggestions over the cases)");
        _report.Line("  client time per move: in the page, performance.now() at keydown (capture phase) to the MutationObserver seeing the h1's");
        _report.Line("     new text: the round trip over the circuit's WebSocket plus the DOM update, before paint");
    }

    private async Task SignInAsync(IPage page, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(AdminEmail);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Loads the workbench at the first trace and waits until its keys work; then installs the timing probe.</summary>
    private static async Task OpenAsync(IPage page, int roundId)
    {
        await page.GotoAsync($"/p/{Slug}/review/{roundId}?item=1");
        await page.Locator("body[data-workbench-keys=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync(InstallProbe);
        await page.EvaluateAsync<double>(WaitForHeading, Heading(1));
    }

    /// <summary>Presses <paramref name="key"/> and waits for trace <paramref name="position"/>; returns the browser's key-to-heading ms.</summary>
    private static async Task<double> MoveAsync(IPage page, string key, int position)
    {
        await page.Keyboard.PressAsync(key);
        return await page.EvaluateAsync<double>(WaitForHeading, Heading(position));
    }

    private static string Heading(int position) => $"trace {position} of {WorkbenchSeeder.Traces}";

    /// <summary>
    /// The page's log lines written since <paramref name="offset"/>: waits (the console logger writes on its own thread) until
    /// there are <paramref name="expected"/>, and checks they are the moves to traces 2…100 of this round, in order.
    /// </summary>
    private static async Task<List<(int Position, double ServerMs, double LoadMs)>> ServerMovesAsync(AppProcess app, int offset, int roundId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var matches = MoveLine().Matches(app.Output[offset..]);
            if (matches.Count >= expected || DateTime.UtcNow > deadline)
            {
                var moves = matches.Select(m => (
                    Position: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                    Round: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                    ServerMs: double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
                    LoadMs: double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))).ToList();
                var positions = moves.Select(m => m.Position).ToList();
                if (moves.Count != expected || moves.Any(m => m.Round != roundId) || !positions.SequenceEqual(Enumerable.Range(2, expected)))
                {
                    throw new InvalidOperationException($"Expected the app to log {expected} moves (traces 2…{expected + 1} of round {roundId}); " +
                        $"it logged {moves.Count}: {string.Join(", ", positions.Take(120))}. Is category {LogCategory} at Debug?\n{app.Output[offset..]}");
                }
                return moves.Select(m => (m.Position, m.ServerMs, m.LoadMs)).ToList();
            }
            await Task.Delay(100);
        }
    }

    private void DescribePass(int pass, List<Move> moves, double seconds, CpuWindow cpu, double browserCores)
    {
        var server = moves.Select(m => m.ServerMs).ToList();
        var load = moves.Select(m => m.LoadMs).ToList();
        var client = moves.Select(m => m.ClientMs).ToList();
        _report.Line();
        _report.Line($"  pass {pass}: {moves.Count} moves in {Report.F1(seconds)} s; server median {Report.F1(Stats.Median(server))} ms, p95 {Report.F1(Stats.P95(server))} ms, " +
                     $"max {Report.F1(server.Max())} ms; loading median {Report.F1(Stats.Median(load))} ms; client median {Report.F1(Stats.Median(client))} ms, " +
                     $"p95 {Report.F1(Stats.P95(client))} ms");
        var slowest = moves.OrderByDescending(m => m.ServerMs).Take(3).Select(m => $"#{m.Position} {Report.F1(m.ServerMs)} ms (loading {Report.F1(m.LoadMs)})");
        _report.Line($"    slowest on the server: {string.Join(", ", slowest)}");
        _report.Line($"    CPU during the pass: {cpu.Describe()}");
        _report.Line($"    of which the browser (Chromium and the Playwright driver, counted in 'other processes' above): {Report.F2(browserCores)} cores; " +
                     $"other processes without it: {Report.F2(Math.Max(0, cpu.OtherCores - browserCores))}");
    }

    private void Summarise(List<Move> moves)
    {
        var server = moves.Select(m => m.ServerMs).ToList();
        var client = moves.Select(m => m.ClientMs).ToList();
        var loadShare = moves.Sum(m => m.LoadMs) / moves.Sum(m => m.ServerMs);
        var gap = moves.Select(m => m.ClientMs - m.ServerMs).ToList();
        var median = Stats.Median(server);
        var p95 = Stats.P95(server);
        _report.Line();
        _report.Line($"  figures over all {moves.Count} timed moves ({_options.WorkbenchPasses} passes × {WorkbenchSeeder.Traces - 1}); percentiles by nearest rank");
        _report.Figure(Benchmark, "next trace, server median", $"{Report.F1(median)} ms", $"< {MaxServerMs:F0} ms", median < MaxServerMs);
        _report.Figure(Benchmark, "next trace, server p95", $"{Report.F1(p95)} ms", $"< {MaxServerMs:F0} ms", p95 < MaxServerMs);
        _report.Figure(Benchmark, "next trace, server max", $"{Report.F1(server.Max())} ms");
        _report.Line($"    moves over {MaxServerMs:F0} ms on the server: {server.Count(s => s >= MaxServerMs)} of {server.Count}; distribution: " +
                     string.Join(", ", Buckets.Zip(Buckets.Skip(1).Append(double.PositiveInfinity),
                         (low, high) => $"{(double.IsPositiveInfinity(high) ? $">= {low:F0}" : $"{low:F0}–{high:F0}")} ms: {server.Count(s => s >= low && s < high)}")));
        _report.Figure(Benchmark, "loading share of server time", $"{loadShare * 100:F1} % (loading median {Report.F1(Stats.Median(moves.Select(m => m.LoadMs).ToList()))} ms)");
        _report.Figure(Benchmark, "next trace, client median (p95)", $"{Report.F1(Stats.Median(client))} ms ({Report.F1(Stats.P95(client))} ms)");
        _report.Line($"    client minus server per move: median {Report.F1(Stats.Median(gap))} ms, p95 {Report.F1(Stats.P95(gap))} ms " +
                     "(the key's trip to the server and any wait at the page's gate, minus the acknowledgement's trip back)");
    }

    /// <summary>
    /// CPU of this process's children except the app: Chromium's processes and Playwright's node driver. CpuWindow counts them
    /// under "other processes"; this separates them. A child that ends during the window loses its time (Chromium keeps its processes).
    /// </summary>
    private sealed class BrowserCpu
    {
        private readonly int _appPid;
        private readonly double _startSeconds;

        private BrowserCpu(int appPid)
        {
            _appPid = appPid;
            _startSeconds = Seconds();
        }

        public static BrowserCpu Start(int appPid) => new(appPid);

        public double Cores(double elapsedSeconds) => (Seconds() - _startSeconds) / elapsedSeconds;

        private double Seconds()
        {
            var self = Environment.ProcessId;
            var stats = new Dictionary<int, (int Parent, long Ticks)>();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    stats[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                        long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException) { /* gone or not ours */ }
            }
            long ticks = 0;
            foreach (var (pid, (_, t)) in stats)
            {
                // Walk up to this process; the app (and anything under it) is not the browser.
                var at = pid;
                for (var depth = 0; depth < 64 && at > 1 && at != self && at != _appPid && stats.TryGetValue(at, out var s); depth++) at = s.Parent;
                if (at == self && pid != self) ticks += t;
            }
            return ticks / ProcessStats.ClockTicksPerSecond;
        }
    }
}
