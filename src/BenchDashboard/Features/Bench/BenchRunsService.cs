using BenchDashboard.Data;
using BenchDashboard.Features.Bench.Runs;
using BenchDashboard.Statistics;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Bench;

public sealed record BenchRunListItem(string RunId, string Version, DateTime StartedAt, int Cases, int Passed);

/// <summary>How two runs differ case by case (API.md, "bench-runs/compare"); lists are sorted by case id.</summary>
public sealed record BenchRunComparison(
    IReadOnlyList<string> NewlyPassing, IReadOnlyList<string> NewlyFailing, IReadOnlyList<string> StillFailing,
    IReadOnlyList<string> Added, IReadOnlyList<string> Removed, double McnemarP);

public sealed class BenchRunsService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Every run of the project, newest first.</summary>
    public async Task<List<BenchRunListItem>> ListAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Counted as everywhere else: a case retired before a run started is not in that run's cases.
        var runs = (await RunCounting.Summaries(db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId)).ToListAsync(ct))
            .Select(r => new BenchRunListItem(r.RunId, r.Version, r.StartedAt, r.Counted, r.Passed)).ToList();
        // Sorted here: SQLite compares the stored times as text, which is right, but EF cannot order by a converted DateTime reliably.
        return runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Null when either run does not exist in the project.</summary>
    public async Task<BenchRunComparison?> CompareAsync(int projectId, string baseRunId, string headRunId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var baseline = await OutcomesAsync(db, projectId, baseRunId, ct);
        var head = await OutcomesAsync(db, projectId, headRunId, ct);
        if (baseline is null || head is null) return null;

        List<string> newlyPassing = [], newlyFailing = [], stillFailing = [], added = [], removed = [];
        foreach (var (caseId, passed) in head)
        {
            if (!baseline.TryGetValue(caseId, out var before)) added.Add(caseId);
            else if (!before && passed) newlyPassing.Add(caseId);
            else if (before && !passed) newlyFailing.Add(caseId);
            else if (!before && !passed) stillFailing.Add(caseId);
        }
        removed.AddRange(baseline.Keys.Where(caseId => !head.ContainsKey(caseId)));
        var p = McNemar.ExactP(newlyFailing.Count, newlyPassing.Count);
        return new BenchRunComparison(Sorted(newlyPassing), Sorted(newlyFailing), Sorted(stillFailing), Sorted(added), Sorted(removed), p);
    }

    private static List<string> Sorted(List<string> ids)
    {
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    private static async Task<Dictionary<string, bool>?> OutcomesAsync(AppDbContext db, int projectId, string runId, CancellationToken ct)
    {
        var run = await db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId && r.RunId == runId).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (run is null) return null;
        return await db.BenchResults.AsNoTracking().Where(r => r.BenchRunId == run)
            .Select(r => new { r.BenchCase!.ExternalId, r.Passed })
            .ToDictionaryAsync(r => r.ExternalId, r => r.Passed, StringComparer.Ordinal, ct);
    }
}
