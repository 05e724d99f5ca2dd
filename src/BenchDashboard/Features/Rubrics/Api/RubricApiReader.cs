using BenchDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>Reads rubric versions and reviews as the API shows them (API.md, Rubrics); the review workflow writes them.</summary>
public sealed class RubricApiReader(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The project's versions, newest (highest number) first, items in the rubric's order.</summary>
    public async Task<List<RubricVersionContract>> VersionsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await db.RubricVersions.AsNoTracking().Include(v => v.Items).Where(v => v.ProjectId == projectId).ToListAsync(ct);
        return versions.OrderByDescending(v => v.Number).Select(RubricVersionContract.Of).ToList();
    }

    /// <summary>One version by its number; null when the project has none of that number.</summary>
    public async Task<RubricVersionContract?> VersionAsync(int projectId, int number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = await db.RubricVersions.AsNoTracking().Include(v => v.Items).FirstOrDefaultAsync(v => v.ProjectId == projectId && v.Number == number, ct);
        return version is null ? null : RubricVersionContract.Of(version);
    }

    /// <summary>The project's reviews, newest first, each with its decisions in the order they were first made.</summary>
    public async Task<List<RubricReviewContract>> ReviewsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var numbers = await db.RubricVersions.AsNoTracking().Where(v => v.ProjectId == projectId).ToDictionaryAsync(v => v.Id, v => v.Number, ct);
        var reviews = await db.RubricReviews.AsNoTracking().Include(r => r.Decisions).Where(r => r.ProjectId == projectId).ToListAsync(ct);
        return reviews.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new RubricReviewContract(r.Id, r.Quarter, numbers[r.FromRubricVersionId],
                r.ToRubricVersionId is { } to ? numbers[to] : null, RubricWords.Of(r.Status), r.CreatedBy, r.SignedOffBy, r.SignedOffAt,
                r.Decisions.OrderBy(d => d.Id).Select(d => new RubricItemDecisionContract(d.ItemKey, RubricWords.Of(d.Decision), d.Rationale)).ToList()))
            .ToList();
    }
}
