using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Bench.Runs;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Features.Trends;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// Reads what the signal engine needs for one project, strictly up to the end of <c>asOf</c>: later rows do not exist
/// for the engine, so a signal computed for a past date is the one that would have been computed that day.
/// User-experience metrics come from the daily rollups (never raw events), falling back to the daily aggregates a team
/// sends on days without events, exactly as the trends do.
/// </summary>
public sealed class SignalDataLoader(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The project's <see cref="Domain.Project.DataVersion"/>: read before loading, it stamps what the load saw.</summary>
    public async Task<long> DataVersionAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ProjectDataVersion.ReadAsync(db, projectId, ct);
    }

    public async Task<ProjectSignalData> LoadAsync(int projectId, DateOnly asOf, SignalSettings settings, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var end = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // Signals watch the whole project, so the day's categories are added up.
        var rollups = await db.DailyRollups.AsNoTracking().Where(r => r.ProjectId == projectId && r.Date <= asOf).SumOverCategories()
            .OrderBy(r => r.Date).ToListAsync(ct);
        var aggregates = await db.DailyMetrics.AsNoTracking().Where(m => m.ProjectId == projectId && m.Date <= asOf).ToListAsync(ct);
        var metrics = Metrics(rollups, aggregates);

        var runs = await RunsAsync(db, projectId, end, ct);
        var audited = await UpgradeAudits.AuditedVersions.Before(db, projectId, end).ToListAsync(ct);
        var versions = (await db.PipelineVersions.AsNoTracking().Where(v => v.ProjectId == projectId && v.DeployedAt < end)
                .Select(v => new { v.Id, v.Version, v.DeployedAt }).ToListAsync(ct))
            .OrderBy(v => v.DeployedAt).Select(v => new VersionInfo(v.Version, v.DeployedAt, audited.Contains(v.Id))).ToList();

        // Traffic is read for the drift window plus the 26 weeks the rule looks back for "since", from what imports keep
        // per day: traces per category (the rollups) and input lengths per bin (summed over categories here).
        var trafficFrom = asOf.AddDays(-(Math.Max(settings.DriftWindowDays, 28) + 7 * 26));
        var traffic = await db.DailyRollups.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Date >= trafficFrom && r.Date <= asOf && r.Traces > 0)
            .Select(r => new CategoryTraffic(r.Date, r.Category, r.Traces)).ToListAsync(ct);
        var inputLengths = await db.DailyInputLengths.AsNoTracking()
            .Where(l => l.ProjectId == projectId && l.Date >= trafficFrom && l.Date <= asOf)
            .GroupBy(l => new { l.Date, l.MinLength })
            .Select(g => new InputLengthCount(g.Key.Date, g.Key.MinLength, g.Sum(l => l.Traces))).ToListAsync(ct);
        // Data time: a case exists from its first run (or acceptance), whenever its row was written.
        var cases = (await db.BenchCases.AsNoTracking()
                .Where(c => c.ProjectId == projectId && c.FirstSeenAt < end)
                .Select(c => new { c.FirstSeenAt, c.RetiredAt, c.Category, Length = c.Input == null ? 0 : c.Input.Length }).ToListAsync(ct))
            .Select(c => new CaseShape(c.FirstSeenAt, c.RetiredAt, c.Category ?? "", c.Length)).ToList();
        var rebaselines = (await db.SignalRebaselines.AsNoTracking().Where(r => r.ProjectId == projectId && r.Day <= asOf)
                .Select(r => new { r.Metric, r.Day }).ToListAsync(ct))
            .Select(r => new Rebaseline(r.Metric, r.Day)).ToList();

        var rounds = await RoundsAsync(db, projectId, end, ct);
        var reviews = await db.RubricReviews.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.SignedOffAt != null && r.SignedOffAt < end)
            .Select(r => r.SignedOffAt!.Value).ToListAsync(ct);
        var created = await db.Projects.Where(p => p.Id == projectId).Select(p => p.CreatedAt).FirstAsync(ct);

        var firstDays = new List<DateOnly> { DateOnly.FromDateTime(created) };
        if (rollups.Count > 0) firstDays.Add(rollups[0].Date);
        if (runs.Count > 0) firstDays.Add(DateOnly.FromDateTime(runs.Min(r => r.StartedAt)));
        if (versions.Count > 0) firstDays.Add(DateOnly.FromDateTime(versions[0].DeployedAt));
        return new ProjectSignalData
        {
            FirstDay = firstDays.Min(),
            Metrics = metrics,
            Runs = runs,
            Versions = versions,
            Traffic = traffic,
            InputLengths = inputLengths,
            Cases = cases,
            Rounds = rounds,
            RubricReviews = reviews,
            Rebaselines = rebaselines,
        };
    }

    /// <summary>
    /// One <see cref="MetricDay"/> per metric and day, from events where the day has them, else from the day's aggregate:
    /// <see cref="UxMetricSource"/> decides, as it does for the trends. <paramref name="rollups"/> hold one row per day.
    /// </summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<MetricDay>> Metrics(IReadOnlyList<DailyRollup> rollups, IReadOnlyList<DailyMetric> aggregates)
    {
        var byMetric = TrendMetrics.UserExperience.ToDictionary(m => m, _ => new List<MetricDay>());
        var rollupByDay = rollups.ToDictionary(r => r.Date);
        var aggregatesByDay = aggregates.ToLookup(m => m.Date);
        foreach (var day in rollupByDay.Keys.Union(aggregatesByDay.Select(g => g.Key)).Order())
        {
            foreach (var (metric, s) in UxMetricSource.Day(rollupByDay.GetValueOrDefault(day), aggregatesByDay[day]))
            {
                byMetric[metric].Add(new MetricDay(day, s.Sum, s.SumOfSquares, s.N));
            }
        }
        return byMetric.ToDictionary(p => p.Key, p => (IReadOnlyList<MetricDay>)p.Value);
    }

    private static async Task<List<RunOutcome>> RunsAsync(AppDbContext db, int projectId, DateTime end, CancellationToken ct)
    {
        var runs = await db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId && r.StartedAt < end)
            .Select(r => new { r.Id, r.RunId, Version = r.PipelineVersion!.Version, r.StartedAt }).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var results = await db.BenchResults.AsNoTracking()
            .Where(x => ids.Contains(x.BenchRunId))
            .Select(x => new { x.BenchRunId, x.BenchCase!.ExternalId, x.Passed, x.BenchCase.RetiredAt }).ToListAsync(ct);
        var startedAt = runs.ToDictionary(r => r.Id, r => r.StartedAt);
        // One string per case rather than one per result: computed signals are cached with their data.
        var caseIds = new Dictionary<string, string>(StringComparer.Ordinal);
        // A case retired later still counted in the runs before its retirement: history stays as it was.
        var byRun = results.Where(x => RunCounting.CountsIn(x.RetiredAt, startedAt[x.BenchRunId])).GroupBy(x => x.BenchRunId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, bool>)g.ToDictionary(
                x => caseIds.TryGetValue(x.ExternalId, out var known) ? known : caseIds[x.ExternalId] = x.ExternalId, x => x.Passed, StringComparer.Ordinal));
        return runs.OrderBy(r => r.StartedAt)
            .Select(r => new RunOutcome(r.RunId, r.Version, r.StartedAt, byRun.GetValueOrDefault(r.Id) ?? new Dictionary<string, bool>()))
            .ToList();
    }

    /// <summary>
    /// Closed rounds: per sampled trace the label that counts (<see cref="RoundLabels.Counting"/>: settled, else the
    /// first reviewer's); blind second reviews are for agreement, not for coverage.
    /// </summary>
    private static async Task<List<ClosedRound>> RoundsAsync(AppDbContext db, int projectId, DateTime end, CancellationToken ct)
    {
        var rounds = await db.SamplingRounds.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Status == SamplingRoundStatus.Closed && r.ClosedAt != null && r.ClosedAt < end)
            .Select(r => new { r.Id, r.Period, ClosedAt = r.ClosedAt!.Value }).ToListAsync(ct);
        var facts = await RoundFacts.LoadAsync(db, rounds.Select(r => r.Id).ToList(), ct);
        return rounds.Select(r =>
        {
            var counting = facts.Where(f => f.RoundId == r.Id && f.Counting is not null).Select(f => f.Counting!).ToList();
            var failures = counting.Where(l => l.IsFailure).ToList();
            return new ClosedRound(r.Period, r.ClosedAt, counting.Count, failures.Count, failures.Count(l => l.BenchWouldCatch == BenchWouldCatch.Yes));
        }).ToList();
    }
}
