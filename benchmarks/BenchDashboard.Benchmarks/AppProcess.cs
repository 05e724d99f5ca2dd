using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace BenchDashboard.Benchmarks;

/// <summary>
/// The real, built BenchDashboard executable on Kestrel (127.0.0.1, a free port) over one SQLite file or PostgreSQL
/// database, started the way an operator starts it in production: Production environment, no demo data, a bootstrap API
/// key, logging at Warning so console output costs nothing measurable, and a rate limit high enough never to fire.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    public Uri BaseUrl { get; }
    public int Pid => _process.Id;
    /// <summary>A client that sends the bootstrap key; one connection, reused for every request.</summary>
    public HttpClient Http { get; }

    private AppProcess(Process process, Uri baseUrl, string apiKey)
    {
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromMinutes(10),
        };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <param name="environment">Settings one benchmark needs on top of the defaults above (the workbench: an admin to sign in
    /// as, Debug logging of one category); the --app-env experiments still come last.</param>
    public static Task<AppProcess> StartAsync(BenchContext context, string databasePath,
        IReadOnlyDictionary<string, string>? environment = null) =>
        StartAsync(context, [("ConnectionStrings__Default", $"Data Source={databasePath}")], environment);

    /// <summary>The app on a PostgreSQL database (issue 13): the provider setting and a connection string, nothing else differs.</summary>
    public static Task<AppProcess> StartOnPostgresAsync(BenchContext context, string connectionString,
        IReadOnlyDictionary<string, string>? environment = null) =>
        StartAsync(context, [("BenchDashboard__Database__Provider", "postgres"), ("ConnectionStrings__Default", connectionString)], environment);

    private static async Task<AppProcess> StartAsync(BenchContext context, (string Name, string Value)[] database,
        IReadOnlyDictionary<string, string>? environment)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(context.AppExecutable)
        {
            WorkingDirectory = RepoPaths.Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseUrl.ToString();
        foreach (var (name, value) in database) start.Environment[name] = value;
        start.Environment["BenchDashboard__Demo"] = "false";
        start.Environment["BenchDashboard__Bootstrap__ApiKey"] = context.ApiKey;
        start.Environment["BenchDashboard__Api__RequestsPerMinute"] = "1000000";
        // Production requires an audit key; the same one for every process, so copies of a template verify at start.
        start.Environment["BenchDashboard__Audit__Key"] = "benchmark-audit-key-not-a-secret-0123456789";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        // Experiments only (--app-env), e.g. DOTNET_gcServer=0: runtime settings, never app code.
        foreach (var (name, value) in context.Options.AppEnvironment) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        var app = new AppProcess(process, baseUrl, context.ApiKey);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitHealthyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitHealthyAsync()
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await probe.GetAsync(new Uri(BaseUrl, "/healthz"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { /* still starting */ }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The app did not answer /healthz within 3 minutes:\n{Output}");
    }

    /// <summary>PUT the benchmark's project (API.md: 201 created, 200 when it already exists).</summary>
    public async Task CreateProjectAsync(string slug)
    {
        using var response = await Http.PutAsync($"/api/v1/projects/{slug}",
            new StringContent("""{"name":"Bench"}""", Encoding.UTF8, "application/json"));
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"PUT project answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public TimeSpan CpuTime() => ProcessStats.CpuTime(Pid);

    /// <summary>Kills the app (and anything it started); safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
