using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Signals;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Components;

/// <summary>
/// The acknowledge / snooze / re-baseline bar under a signal: what it says about the team's word, who may act, and
/// what an action stores, against the real triage service on a SQLite file.
/// </summary>
public class SignalTriageBarTests : AppComponentTestContext
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);
    private const string Lead = "lead@test.local";

    private static readonly Signal Drift = new(SignalKinds.Divergence, TrendMetricsThumbsUp, SignalSeverity.Alert, new DateOnly(2026, 6, 20),
        "Thumbs-up rate fell from 80.0 % to 74.0 %.", new SignalEnd("test"));

    private const string TrendMetricsThumbsUp = "thumbsUpRate";

    private IDbContextFactory<AppDbContext> db = default!;
    private int projectId;

    private async Task SignedInLeadAsync()
    {
        db = await UseNewDatabaseAsync();
        await using var context = await db.CreateDbContextAsync();
        var project = new Project { Slug = "triage", Name = "Triage", CreatedAt = Clock.GetUtcNow().UtcDateTime };
        context.Projects.Add(project);
        await context.SaveChangesAsync();
        projectId = project.Id;
        User.SetAuthorized(Lead);
        User.SetRoles("Lead");
    }

    private IRenderedComponent<SignalTriageBar> RenderBar(TriagedSignal item, bool canAct, Action? changed = null) =>
        Render<SignalTriageBar>(p => p
            .Add(b => b.Item, item)
            .Add(b => b.ProjectId, projectId)
            .Add(b => b.AsOf, AsOf)
            .Add(b => b.CanAct, canAct)
            .Add(b => b.OnChanged, () => changed?.Invoke()));

    private async Task<SignalTriage?> StoredAsync()
    {
        await using var context = await db.CreateDbContextAsync();
        return await context.SignalTriages.AsNoTracking().SingleOrDefaultAsync();
    }

    [Fact]
    public async Task Someone_who_may_not_act_reads_that_the_signal_is_new_and_gets_no_actions()
    {
        await SignedInLeadAsync();
        var cut = RenderBar(new TriagedSignal(Drift, null, SignalStatus.Open), canAct: false);

        Assert.Equal("open", cut.Find("[data-testid=signal-triage]").GetAttribute("data-status"));
        var status = cut.Find("[data-testid=signal-status]").TextContent;
        Assert.Contains("New", status);
        Assert.Contains("nobody has acknowledged it yet", status);
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public async Task A_lead_acknowledges_with_a_note_and_the_word_is_stored_under_their_name()
    {
        await SignedInLeadAsync();
        var changed = 0;
        var cut = RenderBar(new TriagedSignal(Drift, null, SignalStatus.Open), canAct: true, () => changed++);

        cut.Find("[data-testid=signal-acknowledge]").Click();
        Assert.Equal("Acknowledge this signal", cut.Find("[data-testid=signal-triage-form]").GetAttribute("aria-label"));
        cut.Find("[data-testid=signal-triage-text]").Input("  Maria looks into the campaign traffic  ");
        cut.Find("[data-testid=signal-triage-form]").Submit();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=signal-triage-form]")));
        Assert.Equal(1, changed);
        var stored = await StoredAsync();
        Assert.NotNull(stored);
        Assert.Equal((SignalTriageStatus.Acknowledged, Lead, "Maria looks into the campaign traffic"), (stored.Status, stored.ActedBy, stored.Note));
        Assert.Equal(Drift.Since, stored.Since);
    }

    [Fact]
    public async Task An_acknowledged_signal_says_by_whom_and_when_shows_the_note_as_text_and_offers_no_second_acknowledge()
    {
        await SignedInLeadAsync();
        var hostile = "<img src=x onerror=alert(1)>";
        var word = new SignalTriage
        {
            Kind = Drift.Kind, Subject = TrendMetricsThumbsUp, Since = Drift.Since, Status = SignalTriageStatus.Acknowledged, Note = hostile,
            ActedBy = "maria@test.local", ActedAt = new DateTime(2026, 6, 30, 14, 5, 0, DateTimeKind.Utc),
        };
        var cut = RenderBar(new TriagedSignal(Drift, word, SignalStatus.Acknowledged), canAct: true);

        Assert.Equal("acknowledged", cut.Find("[data-testid=signal-triage]").GetAttribute("data-status"));
        Assert.Contains("by maria@test.local on 30 Jun 2026 14:05 UTC", cut.Find("[data-testid=signal-status]").TextContent);
        Assert.Equal(hostile, cut.Find("[data-testid=signal-note]").TextContent);
        Assert.DoesNotContain("<img", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=signal-acknowledge]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=signal-snooze]"));
    }

    [Fact]
    public async Task Snoozing_offers_a_week_from_today_and_stores_the_day_chosen()
    {
        await SignedInLeadAsync();
        var cut = RenderBar(new TriagedSignal(Drift, null, SignalStatus.Open), canAct: true);

        cut.Find("[data-testid=signal-snooze]").Click();
        var until = cut.Find("[data-testid=signal-snooze-until]");
        // The clock says 1 Jul 2026: a week ahead by default, tomorrow at the earliest, a quarter at most.
        Assert.Equal("2026-07-08", until.GetAttribute("value"));
        Assert.Equal("2026-07-02", until.GetAttribute("min"));
        Assert.Equal("2026-10-01", until.GetAttribute("max"));
        until.Change("2026-07-15");
        cut.Find("[data-testid=signal-triage-form]").Submit();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=signal-triage-form]")));
        var stored = await StoredAsync();
        Assert.Equal((SignalTriageStatus.Snoozed, new DateOnly(2026, 7, 15)), (stored!.Status, stored.SnoozedUntil));
    }

    [Fact]
    public async Task A_re_baseline_without_a_reason_is_refused_with_a_message_and_nothing_is_stored()
    {
        await SignedInLeadAsync();
        var cut = RenderBar(new TriagedSignal(Drift, null, SignalStatus.Open), canAct: true);

        cut.Find("[data-testid=signal-rebaseline]").Click();
        cut.Find("[data-testid=signal-triage-text]").Input("because");
        cut.Find("[data-testid=signal-triage-form]").Submit();

        var error = cut.WaitForElement("[data-testid=signal-triage-error]");
        Assert.Equal("alert", error.GetAttribute("role"));
        Assert.Contains("at least 10 characters", error.TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=signal-triage-form]")); // the form stays open with what was typed
        Assert.Equal("because", cut.Find("[data-testid=signal-triage-text]").GetAttribute("value") ?? cut.Find("[data-testid=signal-triage-text]").TextContent);
        await using var context = await db.CreateDbContextAsync();
        Assert.Empty(await context.SignalRebaselines.ToListAsync());
    }

    [Fact]
    public async Task Only_a_divergence_can_be_re_baselined_and_cancel_closes_the_form_without_saving()
    {
        await SignedInLeadAsync();
        var cadence = new Signal("cadence", null, SignalSeverity.Warning, new DateOnly(2026, 6, 1), "No bench run for 30 days.", new SignalEnd("test"));
        var cut = RenderBar(new TriagedSignal(cadence, null, SignalStatus.Open), canAct: true);
        Assert.Empty(cut.FindAll("[data-testid=signal-rebaseline]"));

        cut.Find("[data-testid=signal-acknowledge]").Click();
        cut.Find("[data-testid=signal-triage-text]").Input("not now");
        cut.FindAll("[data-testid=signal-triage-form] button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.Empty(cut.FindAll("[data-testid=signal-triage-form]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=signal-acknowledge]"));
        Assert.Null(await StoredAsync());
    }
}
