using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Data.Postgres;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Signals;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BenchDashboard.Tests.Instances;

/// <summary>
/// Two instances on one PostgreSQL database both run the alerting round. A round evaluates the signals, queues a
/// webhook delivery per alert and posts the due deliveries; a second instance running its round while the first is
/// still posting would find the same deliveries pending and post them again. The round's lease in the database makes
/// the second round do nothing, so the receiver gets each alert exactly once.
/// </summary>
public sealed class AlertingAcrossInstancesTests : IAsyncLifetime
{
    private TempPostgresDatabase database = default!;
    private PostgresInstanceFactory first = default!;
    private PostgresInstanceFactory second = default!;
    private readonly GatedReceiver receiver = new();

    public async ValueTask InitializeAsync()
    {
        database = await TempPostgresDatabase.CreateAsync("alerting");
        first = new PostgresInstanceFactory(database.ConnectionString);
        second = new PostgresInstanceFactory(database.ConnectionString);
        _ = first.Services; // starts it: migrates the empty database
        _ = second.Services;
    }

    [Fact]
    public async Task A_round_on_each_of_two_instances_at_once_posts_each_alert_exactly_once()
    {
        // A project that has never sampled or reviewed its rubric in 200 days: its cadence signals are alerts.
        await using (var db = await first.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            db.Projects.Add(new Project
            {
                Slug = "overdue", Name = "Overdue", CreatedAt = DateTime.UtcNow.AddDays(-200), WebhookUrl = receiver.Url,
            });
            await db.SaveChangesAsync();
        }

        // Instance 1's round posts its first alert, and the receiver holds that post: the round is under way.
        var firstRound = Task.Run(() => Worker(first).RunOnceAsync(CancellationToken.None));
        await receiver.FirstPostArrived.WaitAsync(TimeSpan.FromSeconds(60));

        // Meanwhile instance 2's round comes due: the deliveries are still pending in the database.
        Assert.False(await Worker(second).RunOnceAsync(CancellationToken.None), "the second instance ran a round while the first held it");

        receiver.Release();
        Assert.True(await firstRound.WaitAsync(TimeSpan.FromSeconds(60)));

        // Later rounds, on both at once, find nothing new to say.
        await Task.WhenAll(Worker(first).RunOnceAsync(CancellationToken.None), Worker(second).RunOnceAsync(CancellationToken.None));
        await Task.WhenAll(Worker(second).RunOnceAsync(CancellationToken.None), Worker(first).RunOnceAsync(CancellationToken.None));

        var posted = receiver.Bodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("signal"))
            .Select(s => $"{s.GetProperty("kind").GetString()}: {s.GetProperty("summary").GetString()}").ToList();
        Assert.Contains(posted, p => p.StartsWith("cadence: No sampling round has been closed yet", StringComparison.Ordinal));
        Assert.Equal(posted.Distinct().Order(), posted.Order());

        await using var check = await second.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(posted.Count, await check.AuditEvents.CountAsync(e => e.Action == SignalAlerting.Started));
        Assert.All(await check.WebhookDeliveries.ToListAsync(), d => Assert.Equal((WebhookStatus.Delivered, 1), (d.Status, d.Attempts)));
        Assert.Equal(posted.Count, await check.WebhookDeliveries.CountAsync());
        var chain = await second.Services.GetRequiredService<AuditLog>().VerifyAsync();
        Assert.True(chain.IsIntact, chain.Problem);
    }

    [Fact]
    public async Task The_lease_of_an_instance_that_dies_mid_round_is_free_for_the_next_round_elsewhere()
    {
        // An instance in the middle of a round: its session holds the lease, as DatabaseLease takes it.
        await using var dying = new NpgsqlConnection(database.ConnectionString);
        await dying.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLocks.AlertingRound})", dying))
        {
            Assert.Equal(true, await take.ExecuteScalarAsync());
        }
        var pid = dying.ProcessID;
        Assert.False(await Worker(second).RunOnceAsync(CancellationToken.None));

        // The node is lost: the server sees its connection end (here: ended from the server side) and no one unlocks.
        await using (var admin = new NpgsqlConnection(database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand($"SELECT pg_terminate_backend({pid}, 10000)", admin);
            Assert.Equal(true, await terminate.ExecuteScalarAsync());
        }
        Assert.True(await Worker(second).RunOnceAsync(CancellationToken.None));
    }

    private static SignalAlertingWorker Worker(PostgresInstanceFactory instance) =>
        instance.Services.GetServices<IHostedService>().OfType<SignalAlertingWorker>().Single();

    public async ValueTask DisposeAsync()
    {
        receiver.Release();
        receiver.Dispose();
        await first.DisposeAsync();
        await second.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>A webhook endpoint on 127.0.0.1 that records every post and holds the first one until released.</summary>
    private sealed class GatedReceiver : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly TaskCompletionSource firstPost = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int posts;

        public GatedReceiver()
        {
            Url = $"http://127.0.0.1:{FreePort()}/hook/";
            listener.Prefixes.Add(Url);
            listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Url { get; }
        public ConcurrentQueue<string> Bodies { get; } = new();
        public Task FirstPostArrived => firstPost.Task;

        public void Release() => released.TrySetResult();

        private async Task LoopAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception) { return; }
                _ = Task.Run(() => AnswerAsync(context));
            }
        }

        private async Task AnswerAsync(HttpListenerContext context)
        {
            using var reader = new StreamReader(context.Request.InputStream);
            Bodies.Enqueue(await reader.ReadToEndAsync());
            if (Interlocked.Increment(ref posts) == 1)
            {
                firstPost.TrySetResult();
                await released.Task;
            }
            context.Response.StatusCode = 204;
            context.Response.Close();
        }

        public void Dispose() => listener.Close();

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
    }
}
