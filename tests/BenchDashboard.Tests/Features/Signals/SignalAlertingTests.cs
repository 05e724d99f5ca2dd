using BenchDashboard.Data;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Signals;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchDashboard.Tests.Features.Signals;

/// <summary>Alerts go out when a signal starts or escalates, to a real HTTP receiver, retried with backoff until delivered or given up.</summary>
public abstract class SignalAlertingTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : SignalAlertingTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : SignalAlertingTests(DatabaseProvider.Postgres);

    private readonly TestDatabase database = TestDatabase.Create(provider);
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly WebhookReceiver receiver = new();
    private SignalAlerting alerting = default!;
    private AuditLog audit = default!;
    private int projectId;

    public async ValueTask InitializeAsync()
    {
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var project = new Project { Slug = "alerts", Name = "Alerts", CreatedAt = clock.GetUtcNow().UtcDateTime, WebhookUrl = receiver.Url };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        projectId = project.Id;
        audit = new AuditLog(database.Factory, clock, TestAuditKeys.Keyring);
        var settings = new SignalSettingsService(database.Factory, audit);
        var signals = new SignalsService(new SignalDataLoader(database.Factory), settings);
        alerting = new SignalAlerting(database.Factory, signals, audit, new OneClientFactory(), clock, NullLogger<SignalAlerting>.Instance);
    }

    // Alerting looks at kinds, subjects, severities and starts; any typed evidence will do for these signals.
    private static Signal Divergence(SignalSeverity severity) =>
        new(SignalKinds.Divergence, "thumbsUpRate", severity, new DateOnly(2026, 5, 20), "Thumbs-up rate fell from 80.0 % to 74.0 %.", new SignalEnd("test"));

    private static Signal Cadence(string check) =>
        new(SignalKinds.Cadence, null, SignalSeverity.Warning, new DateOnly(2026, 5, 1), $"{check} is late.", new SignalEnd(null)) { Check = check };

    [Fact]
    public async Task A_new_signal_is_posted_once_and_an_escalation_again_with_the_previous_severity()
    {
        var started = await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Warning)]);
        Assert.Equal([SignalAlerting.Started], started.Select(e => e.Name));
        Assert.Empty(await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Warning)]));
        var escalated = await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Alert)]);
        Assert.Equal([SignalAlerting.Escalated], escalated.Select(e => e.Name));
        Assert.Empty(await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Warning)])); // easing is not news

        Assert.Equal(2, await alerting.DeliverDueAsync());
        var bodies = receiver.Bodies.Select(b => JsonDocument.Parse(b).RootElement).ToList();
        Assert.Equal(["signal.started", "signal.escalated"], bodies.Select(b => b.GetProperty("event").GetString()));
        var signal = bodies[1].GetProperty("signal");
        Assert.Equal("divergence", signal.GetProperty("kind").GetString());
        Assert.Equal("alert", signal.GetProperty("severity").GetString());
        Assert.Equal("2026-05-20", signal.GetProperty("since").GetString());
        Assert.Equal("warning", bodies[1].GetProperty("previousSeverity").GetString());
        Assert.Equal("alerts", bodies[1].GetProperty("project").GetProperty("slug").GetString());

        await using var db = database.CreateContext();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action.StartsWith("signal.")));
    }

    [Fact]
    public async Task A_signal_that_ends_and_comes_back_starts_again_and_cadence_checks_are_told_apart()
    {
        await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Warning), Cadence("sampling")]);
        Assert.Equal([SignalAlerting.Started], (await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Warning), Cadence("sampling"), Cadence("rubricReview")])).Select(e => e.Name));
        var ended = await alerting.ApplyAsync(projectId, []);
        Assert.Equal([SignalAlerting.Ended, SignalAlerting.Ended, SignalAlerting.Ended], ended.Select(e => e.Name));
        Assert.Equal(["cadence:rubricReview", "cadence:sampling", "divergence:thumbsUpRate"],
            ended.Select(e => $"{e.Signal.Kind}:{e.Signal.Identity.Subject}").Order(StringComparer.Ordinal));
        var again = await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Warning)]);
        Assert.Equal([SignalAlerting.Started], again.Select(e => e.Name));
    }

    [Fact]
    public async Task Every_alert_carries_the_audit_chain_head_so_the_receiver_holds_a_copy_that_exposes_a_truncation()
    {
        await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Warning)]);
        Assert.Equal(1, await alerting.DeliverDueAsync());
        var head = await audit.HeadAsync();

        var sent = JsonDocument.Parse(Assert.Single(receiver.Bodies)).RootElement.GetProperty("auditHead");

        // The head when it was sent, which covers the alert's own audit row.
        Assert.Equal(head!.Sequence, sent.GetProperty("sequence").GetInt64());
        Assert.Equal(head.Hash, sent.GetProperty("hash").GetString());
        await using (var db = database.CreateContext())
        {
            Assert.Equal(SignalAlerting.Started, (await db.AuditEvents.SingleAsync(e => e.Id == head.Sequence)).Action);
        }
        var recorded = new AuditHead(sent.GetProperty("sequence").GetInt64(), sent.GetProperty("hash").GetString()!);
        Assert.True((await audit.VerifyAsync(recorded)).IsIntact);

        // Someone deletes that row: the copy the receiver got tells.
        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync(database.DropTriggerSql("AuditEvents_NoDelete", "AuditEvents"));
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditEvents" WHERE "Id" = {head.Sequence}""");
        }
        Assert.True((await audit.VerifyAsync()).IsIntact);
        Assert.False((await audit.VerifyAsync(recorded)).IsIntact);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_backoff_and_the_delivery_lands_when_it_recovers()
    {
        receiver.FailNext(2);
        await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Alert)]);

        Assert.Equal(1, await alerting.DeliverDueAsync());
        var first = await DeliveryAsync();
        Assert.Equal((WebhookStatus.Pending, 1), (first.Status, first.Attempts));
        Assert.Equal("HTTP 500 Internal Server Error", first.LastError);
        Assert.Equal(clock.GetUtcNow().UtcDateTime + SignalAlerting.Backoff[0], first.NextAttemptAt);

        Assert.Equal(0, await alerting.DeliverDueAsync()); // not due yet
        clock.Advance(SignalAlerting.Backoff[0]);
        Assert.Equal(1, await alerting.DeliverDueAsync());
        clock.Advance(SignalAlerting.Backoff[1]);
        Assert.Equal(1, await alerting.DeliverDueAsync());

        var delivered = await DeliveryAsync();
        Assert.Equal((WebhookStatus.Delivered, 3), (delivered.Status, delivered.Attempts));
        Assert.Null(delivered.LastError);
        Assert.Single(receiver.Bodies);
    }

    [Fact]
    public async Task An_unreachable_receiver_is_given_up_after_the_last_attempt_and_shows_as_failed()
    {
        await using (var db = database.CreateContext())
        {
            await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(p => p.SetProperty(x => x.WebhookUrl, $"http://127.0.0.1:{ClosedPort()}/hook"));
        }
        await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Alert)]);
        for (var attempt = 0; attempt < SignalAlerting.MaxAttempts; attempt++)
        {
            Assert.Equal(1, await alerting.DeliverDueAsync());
            if (attempt < SignalAlerting.Backoff.Count) clock.Advance(SignalAlerting.Backoff[attempt]);
        }
        var failed = await DeliveryAsync();
        Assert.Equal((WebhookStatus.Failed, SignalAlerting.MaxAttempts), (failed.Status, failed.Attempts));
        Assert.False(string.IsNullOrEmpty(failed.LastError));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await alerting.DeliverDueAsync());
    }

    [Fact]
    public async Task Without_a_webhook_alerts_are_only_audited()
    {
        await using (var db = database.CreateContext())
        {
            await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(p => p.SetProperty(x => x.WebhookUrl, (string?)null));
        }
        Assert.Single(await alerting.ApplyAsync(projectId, [Divergence(SignalSeverity.Alert)]));
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.WebhookDeliveries.CountAsync());
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.Action == SignalAlerting.Started));
    }

    private async Task<WebhookDelivery> DeliveryAsync()
    {
        await using var db = database.CreateContext();
        return await db.WebhookDeliveries.SingleAsync();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing listens there
    }

    // xunit v3 calls only DisposeAsync on a class that is both IAsyncDisposable and IDisposable: cleanup lives here.
    public ValueTask DisposeAsync()
    {
        receiver.Dispose();
        database.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class OneClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>A real HTTP endpoint on 127.0.0.1 that records bodies and can answer 500 a given number of times.</summary>
    private sealed class WebhookReceiver : IDisposable
    {
        private readonly HttpListener listener = new();
        private int failures;
        public ConcurrentQueue<string> Bodies { get; } = new();
        public string Url { get; }

        public WebhookReceiver()
        {
            var port = ClosedPort();
            Url = $"http://127.0.0.1:{port}/hook/";
            listener.Prefixes.Add(Url);
            listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public void FailNext(int count) => Interlocked.Exchange(ref failures, count);

        private async Task LoopAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception) { return; }
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                if (Interlocked.Decrement(ref failures) >= 0)
                {
                    context.Response.StatusCode = 500;
                }
                else
                {
                    Bodies.Enqueue(body);
                    context.Response.StatusCode = 204;
                }
                context.Response.Close();
            }
        }

        public void Dispose() => listener.Close();
    }
}
