using System.Globalization;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// Every triage step ever taken on a project's signals, oldest first. The SignalTriages table keeps only the latest word
/// per occurrence; the audit log keeps each one (<see cref="SignalTriageService"/> writes the events read here, with
/// the project's slug as subject), so the history is read from there.
/// </summary>
public sealed class SignalTriageHistory(IDbContextFactory<AppDbContext> dbFactory)
{
    private static readonly string[] Actions = [AuditActions.SignalAcknowledged, AuditActions.SignalSnoozed, AuditActions.SignalRebaselined];

    public async Task<IReadOnlyList<SignalTriageStep>> StepsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var slug = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => p.Slug).FirstOrDefaultAsync(ct);
        if (slug is null) return [];
        var subject = "project:" + slug;
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Subject == subject && Actions.Contains(e.Action))
            .OrderBy(e => e.Id).Select(e => new { e.At, e.Actor, e.Action, e.PayloadJson }).ToListAsync(ct);
        var steps = new List<SignalTriageStep>();
        foreach (var e in events)
        {
            var payload = e.PayloadJson is null ? null : JsonSerializer.Deserialize<Payload>(e.PayloadJson, PayloadOptions);
            // A re-baseline names the episode by its onset; an acknowledgement or snooze by the signal's start.
            if (payload?.Kind is not { } kind || Day(payload.Since ?? payload.Onset) is not { } since) continue;
            steps.Add(new SignalTriageStep(e.At, e.Actor, e.Action, kind, payload.Metric ?? "", since, payload.Note ?? payload.Reason, Day(payload.SnoozedUntil)));
        }
        return steps;
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static readonly JsonSerializerOptions PayloadOptions = new(JsonSerializerDefaults.Web);

    private sealed record Payload(string? Kind, string? Metric, string? Since, string? Onset, string? Note, string? Reason, string? SnoozedUntil);
}
