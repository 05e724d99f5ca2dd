using BenchDashboard.Tests.Browser;

namespace BenchDashboard.Tests.Infrastructure;

/// <summary>
/// One deployment of several identical app instances: N real app processes (<see cref="RunningApp"/>, Kestrel on free
/// ports) on one fresh PostgreSQL database of the test cluster, with the bootstrap admin and API key of
/// <see cref="AppFactory"/>, demo data off and the alerting timer off. Any instance can be stopped (SIGTERM), killed
/// (SIGKILL) and started again; the database outlives them and is dropped on dispose.
/// </summary>
public sealed class AppInstances : IAsyncDisposable
{
    private readonly TempPostgresDatabase database;
    private readonly List<RunningApp> apps;

    private AppInstances(TempPostgresDatabase database, List<RunningApp> apps)
    {
        this.database = database;
        this.apps = apps;
    }

    public string ConnectionString => database.ConnectionString;

    public int Count => apps.Count;

    public RunningApp this[int index] => apps[index];

    /// <summary>
    /// Starts <paramref name="count"/> instances at once on an empty database, as a deployment starts (the first to
    /// take the start-up lock migrates and creates the accounts). <paramref name="settings"/> are extra environment
    /// variables for every instance, applied after the defaults.
    /// </summary>
    public static async Task<AppInstances> StartAsync(int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TempPostgresDatabase.CreateAsync("instances");
        var environment = new Dictionary<string, string>
        {
            ["BenchDashboard__Bootstrap__AdminEmail"] = AppFactory.AdminEmail,
            ["BenchDashboard__Bootstrap__AdminPassword"] = AppFactory.AdminPassword,
            ["BenchDashboard__Bootstrap__ApiKey"] = AppFactory.BootstrapKey,
            // Rounds run when a test asks for them, not on a timer.
            ["BenchDashboard__Alerting__IntervalSeconds"] = "0",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) environment[name] = value;
        var apps = Enumerable.Range(0, count).Select(_ => new RunningApp(demo: false, environment, database.ConnectionString)).ToList();
        var instances = new AppInstances(database, apps);
        try
        {
            await Task.WhenAll(apps.Select(a => a.StartAsync()));
            return instances;
        }
        catch
        {
            await instances.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts instance <paramref name="index"/> again (on a new port) after a stop or a kill.</summary>
    public Task StartAsync(int index) => apps[index].StartAsync();

    /// <summary>Stops instance <paramref name="index"/> the way a process manager does (SIGTERM).</summary>
    public Task StopAsync(int index) => apps[index].StopAsync();

    /// <summary>Kills instance <paramref name="index"/> outright (SIGKILL), as a lost node leaves it.</summary>
    public Task KillAsync(int index) => apps[index].KillAsync();

    /// <summary>A client of instance <paramref name="index"/> that sends the bootstrap API key.</summary>
    public HttpClient ApiClient(int index)
    {
        var client = new HttpClient { BaseAddress = apps[index].BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", AppFactory.BootstrapKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps) await app.DisposeAsync();
        await database.DisposeAsync();
    }
}
