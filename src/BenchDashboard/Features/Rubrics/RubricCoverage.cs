using BenchDashboard.Data;
using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// The one rule for whether the current rubric covers a failure category reviewers used: an item of the current version
/// was added from that category (<see cref="Domain.RubricItemDecision.FailureCategory"/> of the approved review that
/// made the version), or the item's key or description names it (case-insensitive). Everything that says "covered"
/// (the Rubrics page, the review) asks this type.
/// </summary>
public sealed class RubricCoverage
{
    private readonly IReadOnlyList<RubricItemView> items;
    private readonly IReadOnlyDictionary<string, string> addedFrom;

    /// <param name="items">The items of the current version.</param>
    /// <param name="addedFrom">Item key → the failure category the approved review added it from.</param>
    public RubricCoverage(IReadOnlyList<RubricItemView> items, IReadOnlyDictionary<string, string> addedFrom)
    {
        this.items = items;
        this.addedFrom = addedFrom;
    }

    /// <summary>The keys of the items that cover the category, in rubric order; empty when nothing does.</summary>
    public IReadOnlyList<string> ItemsCovering(string category)
    {
        var name = category.Trim();
        if (name.Length == 0) return [];
        return items.Where(i => addedFrom.TryGetValue(i.Key, out var from) && string.Equals(from.Trim(), name, StringComparison.OrdinalIgnoreCase)
                                || i.Key.Contains(name, StringComparison.OrdinalIgnoreCase)
                                || i.Description.Contains(name, StringComparison.OrdinalIgnoreCase))
            .Select(i => i.Key).ToList();
    }

    public bool Covers(string category) => ItemsCovering(category).Count > 0;

    /// <summary>
    /// The coverage of a version's items. "Added from" is read from every approved review of the project up to this
    /// version, not only the one that made it: an item added from a category in one review and kept by the next still
    /// answers that category. The latest approved add of a key wins.
    /// </summary>
    public static async Task<RubricCoverage> LoadAsync(AppDbContext db, int projectId, int rubricVersionNumber, IReadOnlyList<RubricItemView> items,
        CancellationToken ct = default)
    {
        var keys = items.Select(i => i.Key).ToList();
        var added = await (from d in db.RubricItemDecisions.AsNoTracking()
                           join r in db.RubricReviews on d.RubricReviewId equals r.Id
                           join v in db.RubricVersions on r.ToRubricVersionId equals v.Id
                           where r.ProjectId == projectId && r.Status == RubricReviewStatus.Approved && v.Number <= rubricVersionNumber
                                 && d.Decision == RubricItemVerdict.Add && d.FailureCategory != null && keys.Contains(d.ItemKey)
                           select new { d.ItemKey, d.FailureCategory, v.Number }).ToListAsync(ct);
        var addedFrom = added.GroupBy(a => a.ItemKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(a => a.Number)!.FailureCategory!, StringComparer.Ordinal);
        return new RubricCoverage(items, addedFrom);
    }
}
