using BenchDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Bench.Runs;

/// <summary>Reads for the Bench page's runs list and the comparison of two runs. The case-by-case comparison itself is
/// <see cref="BenchRunsService.CompareAsync"/>'s (the API's); this adds pass rates and inputs for people.</summary>
public sealed class BenchRunQueries(IDbContextFactory<AppDbContext> dbFactory, BenchRunsService runs)
{
    /// <summary>Every run of the project, newest first, with its pass rate over the cases in the bench when it started.</summary>
    public async Task<IReadOnlyList<RunSummary>> ListAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await Summaries(db.BenchRuns.Where(r => r.ProjectId == projectId)).ToListAsync(ct);
        // Sorted here, as BenchRunsService does: EF cannot order by the converted DateTime reliably on every provider.
        return list.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Null when either run is not one of the project's.</summary>
    public async Task<RunComparisonView?> CompareAsync(int projectId, string baseRunId, string headRunId, CancellationToken ct = default)
    {
        var comparison = await runs.CompareAsync(projectId, baseRunId, headRunId, ct);
        if (comparison is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var summaries = await Summaries(db.BenchRuns.Where(r => r.ProjectId == projectId && (r.RunId == baseRunId || r.RunId == headRunId))).ToListAsync(ct);

        var changes = new List<(string Id, CaseChange Change)>();
        changes.AddRange(comparison.NewlyFailing.Select(id => (id, CaseChange.NewlyFailing)));
        changes.AddRange(comparison.NewlyPassing.Select(id => (id, CaseChange.NewlyPassing)));
        changes.AddRange(comparison.StillFailing.Select(id => (id, CaseChange.StillFailing)));
        changes.AddRange(comparison.Added.Select(id => (id, CaseChange.Added)));
        changes.AddRange(comparison.Removed.Select(id => (id, CaseChange.Removed)));
        var ids = changes.Select(c => c.Id).ToList();
        var cases = new Dictionary<string, (string? Input, bool Retired)>(StringComparer.Ordinal);
        // In slices: a comparison of two unrelated runs may name every case of the bench.
        foreach (var slice in ids.Chunk(500))
        {
            var found = await db.BenchCases.AsNoTracking().Where(c => c.ProjectId == projectId && slice.Contains(c.ExternalId))
                .Select(c => new { c.ExternalId, c.Input, Retired = c.Status == Domain.BenchCaseStatus.Retired }).ToListAsync(ct);
            foreach (var c in found) cases[c.ExternalId] = (c.Input, c.Retired);
        }
        var rows = changes.Select(c => new ComparedCase(c.Id, c.Change, cases.GetValueOrDefault(c.Id).Input, cases.GetValueOrDefault(c.Id).Retired)).ToList();
        return new RunComparisonView(summaries.Single(r => r.RunId == baseRunId), summaries.Single(r => r.RunId == headRunId), comparison.McnemarP, rows);
    }

    // A case counts in a run that started before its retirement (data time; BenchCaseQueries.CountsIn is the same rule).
    private static IQueryable<RunSummary> Summaries(IQueryable<Domain.BenchRun> runs) =>
        runs.AsNoTracking().Select(r => new RunSummary(
            r.RunId, r.PipelineVersion!.Version, r.StartedAt,
            r.Results.Count(x => x.BenchCase!.RetiredAt == null || x.BenchCase.RetiredAt > r.StartedAt),
            r.Results.Count(x => x.Passed && (x.BenchCase!.RetiredAt == null || x.BenchCase.RetiredAt > r.StartedAt)),
            r.Results.Count(x => x.BenchCase!.RetiredAt != null && x.BenchCase.RetiredAt <= r.StartedAt)));
}
