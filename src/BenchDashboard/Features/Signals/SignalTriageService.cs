using System.Globalization;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// A lead's word on a signal: acknowledge it (who, when, note), snooze it until a date, or, for a divergence, re-baseline
/// it with a written reason, which closes the episode. Each change is one row per signal occurrence and one audit event.
/// </summary>
public sealed class SignalTriageService(IDbContextFactory<AppDbContext> dbFactory, SignalsService signals, SignalAlerting alerting, AuditLog audit,
    TimeProvider clock)
{
    public Task<SignalTriageResult> AcknowledgeAsync(int projectId, Signal signal, string? note, string actor, CancellationToken ct = default) =>
        SetAsync(projectId, signal, SignalTriageStatus.Acknowledged, note, null, actor, ct);

    public Task<SignalTriageResult> SnoozeAsync(int projectId, Signal signal, DateOnly until, string? note, string actor, CancellationToken ct = default)
    {
        var today = Today;
        if (until <= today) return Task.FromResult(SignalTriageResult.Fail("Choose a day after today to snooze until."));
        if (until > today.AddDays(SignalTriageLimits.MaxSnoozeDays))
            return Task.FromResult(SignalTriageResult.Fail($"A snooze lasts at most {SignalTriageLimits.MaxSnoozeDays} days; acknowledge the signal instead if it is known and owned."));
        return SetAsync(projectId, signal, SignalTriageStatus.Snoozed, note, until, actor, ct);
    }

    /// <summary>
    /// Declares the metric's level on <paramref name="day"/> (the data day the lead is looking at) the new normal. Refused
    /// unless the divergence with that onset is open on that day, so a stale page cannot re-baseline something else.
    /// </summary>
    public async Task<SignalTriageResult> RebaselineAsync(int projectId, string metric, DateOnly onset, DateOnly day, string? reason, string actor,
        CancellationToken ct = default)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length < SignalTriageLimits.MinReason)
            return SignalTriageResult.Fail($"Write why this level is the new normal (at least {SignalTriageLimits.MinReason} characters): the reason goes into the audit log.");
        if (reason.Length > SignalTriageLimits.Note) return SignalTriageResult.Fail($"The reason is longer than {SignalTriageLimits.Note} characters.");
        var open = (await signals.GetAsync(projectId, day, ct)).Any(s => s.Kind == SignalKinds.Divergence && s.Metric == metric && s.Since == onset);
        if (!open) return SignalTriageResult.Fail("This divergence is no longer open; reload the page to see the signals as they are now.");

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.SignalRebaselines.AnyAsync(r => r.ProjectId == projectId && r.Metric == metric && r.Day == day, ct))
                return SignalTriageResult.Fail("This metric was already re-baselined on that day.");
            db.SignalRebaselines.Add(new SignalRebaseline
            {
                ProjectId = projectId, Metric = metric, Day = day, EpisodeOnset = onset, Reason = reason, ActedBy = actor, ActedAt = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return SignalTriageResult.Fail("This metric was already re-baselined on that day.");
            }
        }
        await audit.AppendAsync(actor, AuditActions.SignalRebaselined, await SubjectAsync(projectId, ct), new
        {
            kind = SignalKinds.Divergence, metric, onset = Day(onset), day = Day(day), reason,
        }, ct);
        // The episode closed: tell the webhook now rather than at the next alerting round.
        await alerting.EvaluateAsync(projectId, Today > day ? Today : day, ct);
        return SignalTriageResult.Done;
    }

    private async Task<SignalTriageResult> SetAsync(int projectId, Signal signal, SignalTriageStatus status, string? note, DateOnly? until, string actor,
        CancellationToken ct)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > SignalTriageLimits.Note }) return SignalTriageResult.Fail($"The note is longer than {SignalTriageLimits.Note} characters.");
        var (kind, subject, since) = SignalBoard.Key(signal);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var row = await db.SignalTriages.FirstOrDefaultAsync(t => t.ProjectId == projectId && t.Kind == kind && t.Subject == subject && t.Since == since, ct);
            if (row is null)
            {
                row = new SignalTriage { ProjectId = projectId, Kind = kind, Subject = subject, Since = since, ActedBy = actor };
                db.SignalTriages.Add(row);
            }
            row.Status = status;
            row.Note = note;
            row.SnoozedUntil = until;
            row.ActedBy = actor;
            row.ActedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two leads acted on the same signal at the same moment; the unique index kept one word.
                return SignalTriageResult.Fail("Someone else changed this signal at the same moment; reload to see what they said.");
            }
        }
        await audit.AppendAsync(actor, status == SignalTriageStatus.Snoozed ? AuditActions.SignalSnoozed : AuditActions.SignalAcknowledged,
            await SubjectAsync(projectId, ct), new { kind, metric = subject == "" ? null : subject, since = Day(since), note, snoozedUntil = until is { } u ? Day(u) : null }, ct);
        return SignalTriageResult.Done;
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<string> SubjectAsync(int projectId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return "project:" + await db.Projects.Where(p => p.Id == projectId).Select(p => p.Slug).FirstAsync(ct);
    }
}
