using System.Net;
using BenchDashboard.Data.Postgres;
using BenchDashboard.Tests.Browser;
using BenchDashboard.Tests.Infrastructure;
using Npgsql;

namespace BenchDashboard.Tests.Instances;

/// <summary>
/// Instances started together take turns on the start-up lock (decision 0026): the one that waits must wait for as long
/// as the other migrates and seeds, which on a loaded server can take longer than any statement timeout the connection
/// string sets (Npgsql's default is 30 s; operators often set less), and then start normally.
/// </summary>
[Trait("Category", "Process")]
public sealed class StartupLockTests
{
    [Fact]
    public async Task An_instance_waits_out_a_start_up_longer_than_the_busy_timeout_and_then_serves()
    {
        await using var database = await TempPostgresDatabase.CreateAsync("startup");
        // Another instance's start-up, as far as this one can tell: a session holding the start-up lock.
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLocks.Startup})", holder)) await take.ExecuteNonQueryAsync();

        await using var app = new RunningApp(demo: false, new Dictionary<string, string>
        {
            ["BenchDashboard__Bootstrap__AdminEmail"] = AppFactory.AdminEmail,
            ["BenchDashboard__Bootstrap__AdminPassword"] = AppFactory.AdminPassword,
            ["BenchDashboard__Bootstrap__ApiKey"] = AppFactory.BootstrapKey,
        }, database.ConnectionString + ";Command Timeout=5");
        var starting = app.StartAsync();

        // Well past the connection string's command timeout, the instance is still waiting, not gone with "too busy".
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.True(app.IsRunning, $"The app gave up while another start-up held the lock:\n{app.Output}");

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLocks.Startup})", holder)) await release.ExecuteNonQueryAsync();
        await starting;
        using var api = new HttpClient { BaseAddress = app.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new("Bearer", AppFactory.BootstrapKey);
        // Its start-up ran once the lock came free: migrated, bootstrap key created.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/projects")).StatusCode);
    }
}
