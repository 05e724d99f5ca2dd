using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Browser;

/// <summary>
/// The real, built BenchDashboard executable on Kestrel (127.0.0.1, a free port), with demo data on a fresh SQLite file,
/// exactly as a user starts it. Shared by the browser tests through <see cref="BrowserCollection"/>. It can also be
/// stopped, or killed outright, and started again on the same database, as a crash would leave it. On a PostgreSQL
/// database instead, several of them are the instances of one deployment (<see cref="Infrastructure.AppInstances"/>).
/// </summary>
public sealed class RunningApp : IAsyncLifetime
{
    private readonly bool demo;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly string? postgres;

    public RunningApp() : this(demo: true, new Dictionary<string, string>()) { }

    /// <summary>
    /// For tests that start their own app; <paramref name="settings"/> are extra environment variables. With
    /// <paramref name="postgresConnectionString"/> the app runs on that PostgreSQL database instead of a SQLite file of
    /// its own; the database is the caller's to create and drop.
    /// </summary>
    internal RunningApp(bool demo, IReadOnlyDictionary<string, string> settings, string? postgresConnectionString = null)
    {
        this.demo = demo;
        this.settings = settings;
        postgres = postgresConnectionString;
        database = postgres is null ? new TempDatabase() : null;
    }

    /// <summary>A fixed anchor, so the demo's dates (and so what the tests see) never depend on the day they run.</summary>
    public static readonly DateOnly DemoAnchor = new(2026, 11, 1);

    private readonly TempDatabase? database;
    private readonly StringBuilder output = new();
    private Process? process;

    public Uri BaseUrl { get; private set; } = default!;
    public string DatabasePath => database?.Path ?? throw new InvalidOperationException("This app runs on PostgreSQL, not a SQLite file.");
    public bool IsRunning => process is { HasExited: false };
    public string Output { get { lock (output) return output.ToString(); } }

    public async ValueTask InitializeAsync() => await StartAsync();

    /// <summary>Starts the executable (again) on this app's database and waits until it answers /healthz.</summary>
    public async Task StartAsync()
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(AppExecutable())
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Development: static web assets are served from the build output, as with `dotnet run`.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = BaseUrl.ToString();
        start.Environment["ConnectionStrings__Default"] = postgres ?? database!.ConnectionString;
        if (postgres is not null) start.Environment["BenchDashboard__Database__Provider"] = "postgres";
        start.Environment["BenchDashboard__Demo"] = demo ? "true" : "false";
        start.Environment["BenchDashboard__DemoAnchorDate"] = DemoAnchor.ToString("yyyy-MM-dd");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // A key of its own, as any real start has one (Production refuses to start without); a test may override it.
        start.Environment["BenchDashboard__Audit__Key"] = "running-app-audit-key-0123456789abcdefghijklmnop";
        // The browser tests share this app and sign in as the same demo accounts in page after page, often left open: the
        // per-user circuit bound (10) is for people. CircuitLimitBrowserTests checks the bound on an app of its own.
        start.Environment["BenchDashboard__Circuits__PerUser"] = "1000";
        foreach (var (name, value) in settings) start.Environment[name] = value;
        process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // and for its output to be read to the end
                throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl, "/healthz"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { /* busy seeding */ }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app did not answer /healthz within 3 minutes:\n{Output}");
    }

    /// <summary>
    /// SIGTERM, as a process manager stops a service: the app finishes its requests and shuts down. Killed if it is not
    /// gone within 30 s.
    /// </summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            if (kill(process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {process.Id} failed ({Marshal.GetLastPInvokeError()}).");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { /* did not stop: KillAsync below */ }
        }
        await KillAsync();
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut or the OOM killer.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        database?.Dispose();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BenchDashboard.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("BenchDashboard.sln not found above the test output folder.");
    }

    /// <summary>The app's own executable, built in the same configuration as these tests (the test project references it).</summary>
    internal static string AppExecutable()
    {
        var configuration = typeof(RunningApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var bin = Path.Combine(RepositoryRoot(), "src", "BenchDashboard", "bin", configuration);
        var executable = Directory.EnumerateFiles(bin, "BenchDashboard", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        return executable ?? throw new FileNotFoundException($"No built BenchDashboard executable under {bin}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
