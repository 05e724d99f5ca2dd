using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchDashboard.Data;
using BenchDashboard.Data.Postgres;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// An alert worth telling someone about: a signal that started, got more severe, or ended (with why, where the rule
/// knows: a divergence episode closes because users recovered, the bench caught up, or a lead re-baselined it).
/// </summary>
public sealed record AlertEvent(string Name, Signal Signal, string? PreviousSeverity, string? EndReason = null);

/// <summary>
/// Turns signal changes into alerts: compares the signals of now with the last known state of each, writes every start
/// and escalation to the audit log, and queues a webhook delivery when the project has a URL. Deliveries are posted by
/// <see cref="DeliverDueAsync"/> and retried with backoff; after the last attempt they are marked failed, and the
/// Settings page shows them. Every post carries the audit chain's head at the moment it is sent (<c>auditHead</c>), so
/// the receivers keep copies outside the database that expose a shortened or rewritten audit log.
/// </summary>
public sealed class SignalAlerting(IDbContextFactory<AppDbContext> dbFactory, SignalsService signals, AuditLog audit,
    IHttpClientFactory httpClients, TimeProvider clock, ILogger<SignalAlerting> logger)
{
    public const string Started = "signal.started";
    public const string Escalated = "signal.escalated";
    public const string Ended = "signal.ended";
    public const string HttpClientName = "webhooks";

    /// <summary>Wait before attempt 2, 3, …; after the last one the delivery is given up.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12)];

    public static int MaxAttempts => Backoff.Count + 1;

    public async Task<IReadOnlyList<AlertEvent>> EvaluateAsync(int projectId, DateOnly asOf, CancellationToken ct = default)
    {
        var (current, data, settings) = await signals.GetWithDataAsync(projectId, asOf, ct);
        // Why each divergence that is not open any more ended: the last closed episode of its metric.
        var endReasons = Trends.TrendMetrics.UserExperience
            .Select(m => SignalEngine.DivergenceEpisodes(data, m, asOf, settings).LastOrDefault(e => !e.IsOpen))
            .OfType<Rules.DivergenceEpisode>()
            .ToDictionary(e => (SignalKinds.Divergence, e.Metric), e => EndReason(e.End!.Value));
        return await ApplyAsync(projectId, current, ct, endReasons);
    }

    /// <summary>The webhook's words for why an episode closed.</summary>
    public static string EndReason(Rules.EpisodeEnd end) => end switch
    {
        Rules.EpisodeEnd.Recovered => "recovered",
        Rules.EpisodeEnd.BenchCaughtUp => "bench_caught_up",
        _ => "rebaselined",
    };

    /// <summary>
    /// Records <paramref name="current"/> as the project's signals now and raises the alerts the change implies. A signal
    /// a lead snoozed raises nothing until the snooze ends; <paramref name="endReasons"/> says why ended signals ended.
    /// </summary>
    public async Task<IReadOnlyList<AlertEvent>> ApplyAsync(int projectId, IReadOnlyList<Signal> current, CancellationToken ct = default,
        IReadOnlyDictionary<(string Kind, string Subject), string>? endReasons = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // On PostgreSQL another instance may compare the same project at the same time (its alerting round, or a lead's
        // triage there): the states are read and saved under a lock of this project, so each change is seen, and
        // alerted, once (decision 0026). SQLite has one process.
        await using var tx = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(ct) : null;
        if (tx is not null) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLocks.SignalStates}, {projectId})", ct);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == projectId, ct);
        var states = await db.SignalStates.Where(s => s.ProjectId == projectId).ToListAsync(ct);
        var snoozed = (await db.SignalTriages.AsNoTracking()
                .Where(t => t.ProjectId == projectId && t.Status == SignalTriageStatus.Snoozed && t.SnoozedUntil >= today).ToListAsync(ct))
            .Select(t => (t.Kind, t.Subject, t.Since)).ToHashSet();
        var events = new List<AlertEvent>();
        var seen = new HashSet<(string, string)>();
        foreach (var signal in current)
        {
            var key = signal.Identity;
            if (!seen.Add(key)) continue;
            var severity = signal.ToDto().Severity;
            var quiet = snoozed.Contains(SignalBoard.Key(signal));
            var state = states.FirstOrDefault(s => s.Kind == key.Item1 && s.Metric == key.Item2);
            if (state is null)
            {
                state = new SignalState { ProjectId = projectId, Kind = key.Item1, Metric = key.Item2, Severity = severity, FirstSeenAt = now };
                db.SignalStates.Add(state);
                states.Add(state);
                if (!quiet) events.Add(new AlertEvent(Started, signal, null));
            }
            else if (!state.Active)
            {
                if (!quiet) events.Add(new AlertEvent(Started, signal, null));
            }
            else if (Rank(severity) > Rank(state.Severity) && !quiet)
            {
                events.Add(new AlertEvent(Escalated, signal, state.Severity));
            }
            state.Severity = severity;
            state.Since = signal.Since;
            state.Active = true;
            state.LastSeenAt = now;
        }
        foreach (var gone in states.Where(s => s.Active && !seen.Contains((s.Kind, s.Metric))))
        {
            gone.Active = false;
            var reason = endReasons?.GetValueOrDefault((gone.Kind, gone.Metric));
            var subject = gone.Metric == "" ? null : gone.Metric;
            var what = gone.Kind.Replace('_', ' ') + (subject is null ? "" : $" of {Trends.TrendMetrics.Label(subject)}");
            var why = reason switch
            {
                "recovered" => ": users are back at their healthy level.",
                "bench_caught_up" => ": the bench now fails as users do, so it sees what they see.",
                "rebaselined" => ": a lead declared the current level the new normal.",
                _ => ".",
            };
            var ended = new Signal(gone.Kind, gone.Kind == SignalKinds.Cadence ? null : subject, gone.Severity == "alert" ? SignalSeverity.Alert : SignalSeverity.Warning,
                gone.Since, $"The {what} signal that started on {Say.Date(gone.Since)} ended{why}", new SignalEnd(reason))
            {
                Check = gone.Kind == SignalKinds.Cadence ? subject : null,
            };
            events.Add(new AlertEvent(Ended, ended, gone.Severity, reason));
        }

        foreach (var alert in events.Where(_ => project.WebhookUrl is not null))
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                ProjectId = projectId, Event = alert.Name, Url = project.WebhookUrl!, CreatedAt = now, NextAttemptAt = now,
                Status = WebhookStatus.Pending, PayloadJson = JsonSerializer.Serialize(new
                {
                    @event = alert.Name,
                    project = new { slug = project.Slug, name = project.Name },
                    signal = alert.Signal.ToDto(),
                    previousSeverity = alert.PreviousSeverity,
                    reason = alert.EndReason,
                    at = now,
                }, JsonSerializerOptions.Web),
            });
        }
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        foreach (var alert in events)
        {
            await audit.AppendAsync("system", alert.Name, $"project:{project.Slug}", new
            {
                kind = alert.Signal.Kind, metric = alert.Signal.Metric, severity = alert.Signal.ToDto().Severity,
                previousSeverity = alert.PreviousSeverity, since = alert.Signal.Since, summary = alert.Signal.Summary, reason = alert.EndReason,
            }, ct);
        }
        return events;
    }

    /// <summary>Posts every delivery that is due; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.WebhookDeliveries.Where(d => d.Status == WebhookStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.Id).Take(100).ToListAsync(ct);
        var client = httpClients.CreateClient(HttpClientName);
        // Read after this round's alerts were audited, so the head covers them.
        var head = due.Count == 0 ? null : await audit.HeadAsync(ct);
        foreach (var delivery in due)
        {
            delivery.Attempts++;
            string? error;
            try
            {
                using var content = new StringContent(WithAuditHead(delivery.PayloadJson, head), Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(delivery.Url, content, ct);
                error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                error = ex.Message;
            }
            if (error is null)
            {
                delivery.Status = WebhookStatus.Delivered;
                delivery.DeliveredAt = now;
                delivery.LastError = null;
                continue;
            }
            delivery.LastError = error.Length > 1000 ? error[..1000] : error;
            if (delivery.Attempts >= MaxAttempts)
            {
                delivery.Status = WebhookStatus.Failed;
                logger.LogWarning("Webhook delivery {Id} to {Url} failed for good after {Attempts} attempts: {Error}", delivery.Id, delivery.Url, delivery.Attempts, error);
            }
            else
            {
                delivery.NextAttemptAt = now + Backoff[delivery.Attempts - 1];
            }
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private static int Rank(string severity) => severity == "alert" ? 2 : 1;

    /// <summary>The stored payload plus <c>auditHead</c>: <c>{"sequence", "hash"}</c> of the chain's newest row (null while it is empty).</summary>
    private static string WithAuditHead(string payloadJson, AuditHead? head)
    {
        var payload = JsonNode.Parse(payloadJson)!.AsObject();
        payload["auditHead"] = head is null ? null : new JsonObject { ["sequence"] = head.Sequence, ["hash"] = head.Hash };
        return payload.ToJsonString();
    }
}

/// <summary>
/// Every <c>BenchDashboard:Alerting:IntervalSeconds</c> (default 300; 0 turns alerting off): evaluates each project's
/// signals as of today and posts the due webhook deliveries. A failure is logged and the next round tries again. With
/// several instances on one PostgreSQL database, a round runs under a lease in the database (<see cref="DatabaseLease"/>):
/// while one instance runs it, a round due on another does nothing, so no delivery is posted by two at once.
/// </summary>
public sealed class SignalAlertingWorker(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<SignalAlertingWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("BenchDashboard:Alerting:IntervalSeconds", 300);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Signal alerting round failed; the next round tries again.");
            }
        }
    }

    /// <summary>One round; false when another instance holds the round's lease and this one did nothing.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        await using var lease = await DatabaseLease.TryAcquireAsync(services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
            AdvisoryLocks.AlertingRound, ct);
        if (lease is null)
        {
            logger.LogDebug("Another instance is running the alerting round; this one skips it.");
            return false;
        }
        var alerting = services.GetRequiredService<SignalAlerting>();
        var projects = await services.GetRequiredService<Projects.ProjectService>().ListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var project in projects) await alerting.EvaluateAsync(project.Id, today, ct);
        await alerting.DeliverDueAsync(ct);
        return true;
    }
}
