using BenchDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Trends;

/// <summary>Reads a project's runs with their rubric version and pass rate, and finds the rubric steps (<see cref="RubricSteps"/>).</summary>
public sealed class RubricStepQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<RubricStep>> StepsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var numbers = await db.RubricVersions.AsNoTracking().Where(v => v.ProjectId == projectId).ToDictionaryAsync(v => v.Id, v => v.Number, ct);
        // Only projects with more than one rubric version in use can have a step; the rest read no results at all.
        var used = await db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId && r.RubricVersionId != null)
            .Select(r => r.RubricVersionId!.Value).Distinct().ToListAsync(ct);
        if (used.Count < 2) return [];
        var runs = await db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId)
            .Select(r => new { r.RunId, r.StartedAt, r.RubricVersionId, Cases = r.Results.Count, Passed = r.Results.Count(x => x.Passed) })
            .ToListAsync(ct);
        return RubricSteps.From(runs.Where(r => r.Cases > 0).Select(r => new RubricSteps.Run(r.RunId, r.StartedAt,
            r.RubricVersionId is { } id ? numbers.GetValueOrDefault(id) : null, (double)r.Passed / r.Cases)));
    }
}
