using System.Net;
using System.Text.Json;
using BenchDashboard.Features.Demo;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Signals;
using BenchDashboard.Tests.Features.Demo;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Signals;

/// <summary>
/// Every signal has a lifecycle (issue 10): a lead acknowledges it with a note, snoozes it until a date, or re-baselines a
/// divergence with a written reason; each change is audited, the API shows it, and a closed episode reaches the webhook.
/// On the demo project, whose thumbs-up, CSAT and rewrite divergences are open at the anchor.
/// </summary>
public abstract class SignalLifecycleTests(DemoAppFactory factory)
{
    public sealed class OnSqlite(DemoAppFactory factory) : SignalLifecycleTests(factory), IClassFixture<DemoAppFactory>;
    public sealed class OnPostgres(DemoAppFactory.OnPostgres factory) : SignalLifecycleTests(factory), IClassFixture<DemoAppFactory.OnPostgres>;

    private readonly DemoAppFactory app = factory.Started();
    private static readonly DateOnly Anchor = DemoAppFactory.Anchor;
    private const string Lead = "lead@demo.local";

    private T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private async Task<int> ProjectIdAsync() => (await Service<ProjectService>().FindAsync(DemoStory.ProjectSlug))!.Id;

    private async Task<TriagedSignal> DivergenceAsync(string metric, DateOnly? asOf = null) =>
        (await Service<SignalBoard>().GetAsync(await ProjectIdAsync(), asOf ?? Anchor)).Signals
        .Single(s => s.Signal.Kind == SignalKinds.Divergence && s.Signal.Metric == metric);

    [Fact]
    public async Task Acknowledging_with_a_note_moves_the_signal_after_the_new_ones_and_is_audited_and_served_by_the_api()
    {
        var projectId = await ProjectIdAsync();
        var csat = await DivergenceAsync("csat");
        Assert.Equal(SignalStatus.Open, csat.Status);

        var result = await Service<SignalTriageService>().AcknowledgeAsync(projectId, csat.Signal, "Maria looks into the <b>campaign</b> answers", Lead);
        Assert.True(result.Ok, result.Error);

        var board = await Service<SignalBoard>().GetAsync(projectId, Anchor);
        var acknowledged = board.Signals.Single(s => s.Signal.Kind == SignalKinds.Divergence && s.Signal.Metric == "csat");
        Assert.Equal(SignalStatus.Acknowledged, acknowledged.Status);
        Assert.Equal(Lead, acknowledged.Triage!.ActedBy);
        // New signals first: every open one comes before the acknowledged one.
        var order = board.Signals.Select(s => s.Status).ToList();
        Assert.Equal(order.Order(), order);

        await using var db = app.Database.CreateContext();
        var audited = await db.AuditEvents.Where(e => e.Action == "signal.acknowledged").ToListAsync();
        var entry = Assert.Single(audited, e => e.PayloadJson!.Contains("csat"));
        Assert.Equal(Lead, entry.Actor);
        Assert.Contains("campaign", entry.PayloadJson);

        var api = app.CreateApiClient(AppFactory.BootstrapKey);
        var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/projects/{DemoStory.ProjectSlug}/signals?asOf={Anchor:yyyy-MM-dd}")).RootElement;
        var dto = json.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "divergence" && s.GetProperty("metric").GetString() == "csat");
        Assert.Equal("acknowledged", dto.GetProperty("status").GetString());
        Assert.Equal(Lead, dto.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("Maria looks into the <b>campaign</b> answers", dto.GetProperty("note").GetString());
        // The contract's order stays: most severe first, whatever was acknowledged.
        var severities = json.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("severity").GetString()).ToList();
        Assert.Equal(severities.OrderBy(s => s == "alert" ? 0 : 1), severities);
    }

    [Fact]
    public async Task A_snooze_needs_a_day_within_a_quarter_and_keeps_the_signal_quiet_until_then()
    {
        var projectId = await ProjectIdAsync();
        var triage = Service<SignalTriageService>();
        var today = DateOnly.FromDateTime(Service<TimeProvider>().GetUtcNow().UtcDateTime);
        var rewrite = await DivergenceAsync("rewriteRate");

        Assert.Contains("after today", (await triage.SnoozeAsync(projectId, rewrite.Signal, today, null, Lead)).Error);
        Assert.Contains("at most 92 days", (await triage.SnoozeAsync(projectId, rewrite.Signal, today.AddDays(120), null, Lead)).Error);
        Assert.True((await triage.SnoozeAsync(projectId, rewrite.Signal, today.AddDays(7), "after the release", Lead)).Ok);

        var snoozed = await DivergenceAsync("rewriteRate");
        Assert.Equal(SignalStatus.Snoozed, snoozed.Status);
        Assert.Equal(today.AddDays(7), snoozed.Triage!.SnoozedUntil);
        Assert.Equal(SignalStatus.Snoozed, (await Service<SignalBoard>().GetAsync(projectId, Anchor)).Signals[^1].Status);
        // Once the day has passed the snooze is over and the signal is new again.
        Assert.Equal(SignalStatus.Open, TriagedSignal.StatusOf(snoozed.Triage, today.AddDays(8)));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "signal.snoozed"));
    }

    [Fact]
    public async Task A_rebaseline_needs_a_reason_closes_the_episode_from_that_day_and_posts_its_end()
    {
        var projectId = await ProjectIdAsync();
        await using (var db = app.Database.CreateContext())
        {
            var project = await db.Projects.SingleAsync(p => p.Id == projectId);
            project.WebhookUrl = "http://127.0.0.1:9/hook"; // never delivered here: the outbox row is what is checked
            await db.SaveChangesAsync();
        }
        var alerting = Service<SignalAlerting>();
        var today = DateOnly.FromDateTime(Service<TimeProvider>().GetUtcNow().UtcDateTime);
        await alerting.EvaluateAsync(projectId, today); // the alerting round knows the episode is open
        var thumbs = await DivergenceAsync("thumbsUpRate");
        var triage = Service<SignalTriageService>();

        Assert.Contains("at least 10 characters", (await triage.RebaselineAsync(projectId, "thumbsUpRate", thumbs.Signal.Since, Anchor, "  new  ", Lead)).Error);
        Assert.Contains("no longer open", (await triage.RebaselineAsync(projectId, "thumbsUpRate", thumbs.Signal.Since.AddDays(-1), Anchor, "The campaign audience is the new normal", Lead)).Error);
        var done = await triage.RebaselineAsync(projectId, "thumbsUpRate", thumbs.Signal.Since, Anchor, "The campaign audience is the new normal", Lead);
        Assert.True(done.Ok, done.Error);

        var board = await Service<SignalBoard>().GetAsync(projectId, Anchor);
        Assert.DoesNotContain(board.Signals, s => s.Signal.Kind == SignalKinds.Divergence && s.Signal.Metric == "thumbsUpRate");
        // The days before the re-baseline keep their history; the other metrics are not touched.
        Assert.Equal(thumbs.Signal.Since, (await DivergenceAsync("thumbsUpRate", Anchor.AddDays(-1))).Signal.Since);
        Assert.Contains(board.Signals, s => s.Signal.Kind == SignalKinds.Divergence && s.Signal.Metric == "rewriteRate");

        await using var check = app.Database.CreateContext();
        var audited = await check.AuditEvents.SingleAsync(e => e.Action == "signal.rebaselined");
        Assert.Contains("The campaign audience is the new normal", audited.PayloadJson);
        var ended = await check.WebhookDeliveries.Where(d => d.ProjectId == projectId && d.Event == "signal.ended").ToListAsync();
        var payload = JsonDocument.Parse(Assert.Single(ended).PayloadJson).RootElement;
        Assert.Equal("rebaselined", payload.GetProperty("reason").GetString());
        Assert.Equal("thumbsUpRate", payload.GetProperty("signal").GetProperty("metric").GetString());
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.Action == "signal.ended"));
    }
}
