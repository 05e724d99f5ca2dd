using BenchDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Bench.Runs;

/// <summary>Reads for the Bench page's runs list and the comparison of two runs. The case-by-case comparison itself is
/// <see cref="BenchRunsService.CompareAsync"/>'s (the API's); this adds pass rates and inputs for people.</summary>
public sealed class BenchRunQueries(IDbContextFactory<AppDbContext> dbFactory, BenchRunsService runs)
{
    /// <summary>
    /// Every run of the project, newest first, and page <paramref name="page"/> of them with pass rates over the cases in
    /// the bench when each started. Only the page's results are counted: 500 runs of 2,000 cases are a million rows.
    /// </summary>
    public async Task<RunListPage> PageAsync(int projectId, int page = 1, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = (await db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId)
                .Select(r => new { r.Id, Ref = new RunRef(r.RunId, r.PipelineVersion!.Version, r.StartedAt) }).ToListAsync(ct))
            // Sorted here, as BenchRunsService does: EF cannot order by the converted DateTime reliably on every provider.
            .OrderByDescending(r => r.Ref.StartedAt).ThenByDescending(r => r.Ref.RunId, StringComparer.Ordinal).ToList();
        var pageCount = Math.Max(1, (all.Count + RunListPage.PageSize - 1) / RunListPage.PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var ids = all.Skip((page - 1) * RunListPage.PageSize).Take(RunListPage.PageSize).Select(r => r.Id).ToList();
        var summaries = (await Summaries(db.BenchRuns.Where(r => EF.Constant(ids).Contains(r.Id))).ToListAsync(ct))
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();
        return new RunListPage(all.Select(r => r.Ref).ToList(), summaries, page, pageCount);
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

    private static IQueryable<RunSummary> Summaries(IQueryable<Domain.BenchRun> runs) => RunCounting.Summaries(runs.AsNoTracking());
}
