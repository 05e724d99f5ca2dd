using System.Collections.Concurrent;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Review;

/// <summary>
/// One <see cref="SimilarCaseIndex"/> per project, rebuilt only when the active bench changes: the workbench asks for
/// suggestions on every "next trace", and building the index reads every case's input.
/// </summary>
public sealed class SimilarCasesCache(IDbContextFactory<AppDbContext> dbFactory)
{
    private sealed record Entry((int Count, int MaxId) Stamp, SimilarCaseIndex Index);

    private readonly ConcurrentDictionary<int, Entry> _byProject = new();

    public async Task<SimilarCaseIndex> GetAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = db.BenchCases.Where(c => c.ProjectId == projectId && c.Status == BenchCaseStatus.Active);
        // Cases are added (higher ids) or retired (fewer active): count and highest id together notice both.
        var stamp = (await active.CountAsync(ct), await active.MaxAsync(c => (int?)c.Id, ct) ?? 0);
        if (_byProject.TryGetValue(projectId, out var entry) && entry.Stamp == stamp) return entry.Index;

        var cases = await active.AsNoTracking()
            .Select(c => new CaseDocument(c.Id, c.ExternalId, (c.Input ?? "") + "\n" + (c.ExpectedBehaviour ?? ""), c.Category))
            .ToListAsync(ct);
        var index = new SimilarCaseIndex(cases);
        _byProject[projectId] = new Entry(stamp, index);
        return index;
    }
}
