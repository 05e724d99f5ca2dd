using BenchDashboard.Data;
using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// The signals of a project as the dashboard, the Signals page and the API present them: each with its acknowledgement
/// or snooze, new ones first, then acknowledged, then snoozed; within each, most severe and longest-standing first.
/// </summary>
public sealed class SignalBoard(SignalsService signals, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<SignalBoardView> GetAsync(int projectId, DateOnly asOf, CancellationToken ct = default)
    {
        var (found, data, settings) = await signals.GetWithDataAsync(projectId, asOf, ct);
        var triages = await TriagesAsync(projectId, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var triaged = found
            .Select(s =>
            {
                var triage = triages.GetValueOrDefault(Key(s));
                return new TriagedSignal(s, triage, TriagedSignal.StatusOf(triage, today));
            })
            .OrderBy(t => t.Status).ThenByDescending(t => t.Signal.Severity).ThenBy(t => t.Signal.Since)
            .ThenBy(t => t.Signal.Kind, StringComparer.Ordinal).ThenBy(t => t.Signal.Identity.Subject, StringComparer.Ordinal)
            .ToList();
        return new SignalBoardView(asOf, triaged, SignalReadiness.Of(data, asOf, settings),
            data.Rounds.MaxBy(r => r.ClosedAt), data.RubricReviews.Count == 0 ? null : data.RubricReviews.Max());
    }

    /// <summary>What identifies one occurrence of a signal for the team's word on it: kind, subject and start.</summary>
    public static (string Kind, string Subject, DateOnly Since) Key(Signal signal) => (signal.Kind, signal.Identity.Subject, signal.Since);

    private async Task<Dictionary<(string, string, DateOnly), SignalTriage>> TriagesAsync(int projectId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SignalTriages.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync(ct);
        return rows.ToDictionary(t => (t.Kind, t.Subject, t.Since));
    }
}
