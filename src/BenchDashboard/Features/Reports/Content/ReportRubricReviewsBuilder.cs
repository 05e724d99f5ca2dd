using System.Globalization;
using BenchDashboard.Domain;
using BenchDashboard.Features.Rubrics.Reviews;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The eval-criteria change log: every rubric review started, submitted, approved or abandoned in the period, oldest
/// first, as its page shows it (<see cref="RubricReviewService.GetAsync"/>): the decisions with their rationale, and the
/// re-grade impact the page shows (<see cref="RubricReviewService.ImpactAsync"/>; none for an abandoned review).
/// </summary>
public sealed class ReportRubricReviewsBuilder(RubricReviewService reviews)
{
    public async Task<IReadOnlyList<ReportRubricReview>> BuildAsync(int projectId, ReportPeriod period, CancellationToken ct)
    {
        var list = new List<ReportRubricReview>();
        foreach (var item in (await reviews.ListAsync(projectId, ct)).OrderBy(r => r.CreatedAt).ThenBy(r => r.ReviewId))
        {
            if (await reviews.GetAsync(projectId, item.ReviewId, ct) is not { } view) continue;
            if (!new[] { view.CreatedAt, view.SubmittedAt, view.SignedOffAt, view.AbandonedAt }.Any(at => at is { } t && period.Contains(t))) continue;
            var impact = view.Status == RubricReviewStatus.Abandoned ? null : await reviews.ImpactAsync(projectId, view.Dropped, ct);
            var reGraded = impact is { Runs.Count: > 0 } ? impact : null;
            list.Add(new ReportRubricReview(view.ReviewId, view.Quarter, view.FromVersion, view.ToVersion, Status(view), view.CreatedBy ?? "",
                view.SubmittedAt, view.SignedOffBy, view.SignedOffAt,
                view.Decisions.Select(d => new ReportItemDecision(d.ItemKey, RubricReviewNames.Label(d.Decision),
                    d.Decision is RubricItemVerdict.Change or RubricItemVerdict.Add ? d.Description : null, d.Rationale)).ToList(),
                reGraded?.RateNow, reGraded?.RateReGraded, reGraded?.Runs.Count ?? 0));
        }
        return list;
    }

    /// <summary>The page's status label; an abandoned review says by whom, when and why.</summary>
    private static string Status(RubricReviewView view) => view.Status == RubricReviewStatus.Abandoned
        ? $"{RubricReviewNames.Label(view.Status)} by {view.AbandonedBy} on {view.AbandonedAt?.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}: {view.AbandonReason}"
        : RubricReviewNames.Label(view.Status);
}
