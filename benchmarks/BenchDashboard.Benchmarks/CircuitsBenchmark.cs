using System.Diagnostics;
using Microsoft.Playwright;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// Issue 12, finding 6: what one Trends tab (a Blazor circuit) costs the server, and what one account opening tab after
/// tab does to it. On the demo project, the demo auditor signs in in Chromium and opens the Trends page in
/// <see cref="MeasuredTabs"/> tabs one after another (the per-user bound raised so none is refused); the app's memory is
/// taken before, with the tabs open, and after they close (<see cref="MemorySnapshot"/>). Then, with the app's default
/// bound, the same account opens <see cref="ProbeTabs"/> tabs as the probe did: how many open, how many are refused in
/// plain words, and what the app's memory does.
/// </summary>
internal sealed class CircuitsBenchmark(BenchContext context)
{
    private const string Benchmark = "circuits";
    private const string Slug = "support-assistant";
    private const string Auditor = "auditor@demo.local", AuditorPassword = "demo-auditor-password";
    private const int WarmUpTabs = 2, MeasuredTabs = 20, ProbeTabs = 30;
    /// <summary>The "a few MiB" per Trends circuit.</summary>
    private const double MaxMibPerCircuit = 5;

    private readonly Report _report = context.Report;

    public async Task RunAsync()
    {
        _report.Heading($"circuits: memory per Trends tab, {MeasuredTabs} tabs of one account; then {ProbeTabs} tabs at the default per-user bound");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // As tests/BenchDashboard.Tests/Browser/BrowserFixture.cs: Debian's Chromium (Playwright's own download cannot work here).
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var gcdump = MemorySnapshot.GcDumpTool();
        _report.Line($"  app: a fresh process per phase on a new SQLite file with the demo data (BenchDashboard__Demo=true, anchor 2026-11-01),");
        _report.Line($"     Production as for the other benchmarks; browser: Chromium {browser.Version} headless, one context signed in as {Auditor}");
        _report.Line($"  a tab is open when [data-testid=circuit-ready] is attached and the chart's first trace is drawn (or the refusal notice shows)");
        _report.Line($"  memory: the app's VmRSS 3 s after the last step; " + (gcdump is null
            ? "GC heap not measured (dotnet-gcdump not found: run `dotnet tool restore` or set DOTNET_GCDUMP)"
            : $"then `dotnet-gcdump collect` ({gcdump}), which forces a full blocking GC: the live managed heap it reports, and VmRSS after that GC"));

        await MeasurePerCircuitAsync(browser, gcdump);
        await ProbeAsync(browser, gcdump);
    }

    private async Task MeasurePerCircuitAsync(IBrowser browser, ToolCommand? gcdump)
    {
        _report.Line();
        _report.Line($"  per circuit: bound raised to 1,000 (BenchDashboard__Circuits__PerUser); {WarmUpTabs} warm-up tabs opened and closed, then {MeasuredTabs} Trends tabs");
        await using var app = await StartAsync("circuits-measure.db", perUser: 1000);
        await using var session = await SignInAsync(browser, app);
        for (var i = 0; i < WarmUpTabs; i++) await (await OpenTrendsAsync(session)).CloseAsync();
        var before = await MemorySnapshot.TakeAsync(app.Pid, gcdump, context.Options.WorkDirectory);
        var pages = new List<IPage>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < MeasuredTabs; i++) pages.Add(await OpenTrendsAsync(session));
        var openSeconds = clock.Elapsed.TotalSeconds;
        var open = await MemorySnapshot.TakeAsync(app.Pid, gcdump, context.Options.WorkDirectory);
        foreach (var page in pages) await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        var closed = await MemorySnapshot.TakeAsync(app.Pid, gcdump, context.Options.WorkDirectory);

        _report.Line($"  {MeasuredTabs} tabs opened in {Report.F1(openSeconds)} s");
        _report.Line($"  before: {before.Describe()}");
        _report.Line($"  {MeasuredTabs} tabs open: {open.Describe()}");
        _report.Line($"  after closing them: {closed.Describe()}");
        // After a full GC when gcdump ran: the VmRSS before it still holds the start-up's garbage, which the first full GC returns.
        var rssPer = (open.Settled - before.Settled) / (double)MeasuredTabs / (1024 * 1024);
        _report.Figure(Benchmark, "VmRSS growth per Trends circuit" + (open.RssAfterGcBytes is null ? "" : " (after full GCs)"), $"{Report.F2(rssPer)} MiB",
            $"< {MaxMibPerCircuit:F0} MiB", rssPer < MaxMibPerCircuit);
        if (open.HeapBytes is { } openHeap && before.HeapBytes is { } beforeHeap)
        {
            var heapPer = (openHeap - beforeHeap) / (double)MeasuredTabs / (1024 * 1024);
            _report.Figure(Benchmark, "live GC heap per Trends circuit (after a full GC)", $"{Report.F2(heapPer)} MiB", $"< {MaxMibPerCircuit:F0} MiB", heapPer < MaxMibPerCircuit);
            if (closed.HeapBytes is { } closedHeap)
            {
                _report.Figure(Benchmark, "live GC heap after the tabs closed, above before", $"{Report.F2((closedHeap - beforeHeap) / (1024.0 * 1024))} MiB");
            }
        }
        _report.Figure(Benchmark, "VmRSS after the tabs closed, above before", $"{Report.F1((closed.Settled - before.Settled) / (1024.0 * 1024))} MiB");
    }

    private async Task ProbeAsync(IBrowser browser, ToolCommand? gcdump)
    {
        _report.Line();
        _report.Line($"  the probe: the app's default bound, {ProbeTabs} Trends tabs of the same account one after another");
        await using var app = await StartAsync("circuits-probe.db", perUser: null);
        await using var session = await SignInAsync(browser, app);
        await (await OpenTrendsAsync(session)).CloseAsync();
        var before = await MemorySnapshot.TakeAsync(app.Pid, gcdump, context.Options.WorkDirectory);
        var pages = new List<IPage>();
        var refused = 0;
        for (var i = 0; i < ProbeTabs; i++)
        {
            var page = await OpenTrendsAsync(session, mayBeRefused: true);
            pages.Add(page);
            if (await page.GetByTestId("circuit-refused").CountAsync() > 0) refused++;
        }
        var open = await MemorySnapshot.TakeAsync(app.Pid, gcdump, context.Options.WorkDirectory);
        var notice = await pages[^1].GetByTestId("circuit-refused").TextContentAsync() ?? "";
        foreach (var page in pages) await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        var closed = await MemorySnapshot.TakeAsync(app.Pid, gcdump, context.Options.WorkDirectory);
        _report.Line($"  {ProbeTabs - refused} tabs opened, {refused} refused; the last one said: \"{string.Join(' ', notice.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}\"");
        _report.Line($"  before: {before.Describe()}");
        _report.Line($"  {ProbeTabs} tabs open: {open.Describe()}");
        _report.Line($"  after closing them: {closed.Describe()}");
        _report.Figure(Benchmark, $"{ProbeTabs} tabs of one account: opened / refused", $"{ProbeTabs - refused} / {refused}");
        _report.Figure(Benchmark, $"{ProbeTabs} tabs of one account: VmRSS growth (after closing)",
            $"{Report.F1((open.Settled - before.Settled) / (1024.0 * 1024))} MiB ({Report.F1((closed.Settled - before.Settled) / (1024.0 * 1024))} MiB)");
    }

    private Task<AppProcess> StartAsync(string fileName, int? perUser)
    {
        var environment = new Dictionary<string, string>
        {
            ["BenchDashboard__Demo"] = "true",
            ["BenchDashboard__DemoAnchorDate"] = "2026-11-01",
        };
        if (perUser is { } bound) environment["BenchDashboard__Circuits__PerUser"] = bound.ToString(Report.Invariant);
        return AppProcess.StartAsync(context, Path.Combine(context.Options.WorkDirectory, fileName), environment);
    }

    private static async Task<IBrowserContext> SignInAsync(IBrowser browser, AppProcess app)
    {
        var session = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        session.SetDefaultTimeout(60_000);
        var page = await session.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(Auditor);
        await page.GetByLabel("Password").FillAsync(AuditorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        // The landing page opened a circuit of its own: close it, so only the Trends tabs count.
        await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        return session;
    }

    private static async Task<IPage> OpenTrendsAsync(IBrowserContext session, bool mayBeRefused = false)
    {
        var page = await session.NewPageAsync();
        await page.GotoAsync($"/p/{Slug}/trends");
        if (mayBeRefused)
        {
            await page.Locator("[data-testid=circuit-refused], [data-testid=trends-chart] g.scatterlayer g.trace").First.WaitForAsync(
                new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            if (await page.GetByTestId("circuit-refused").CountAsync() > 0) return page;
        }
        await page.GetByTestId("circuit-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=trends-chart] g.scatterlayer g.trace").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return page;
    }
}
