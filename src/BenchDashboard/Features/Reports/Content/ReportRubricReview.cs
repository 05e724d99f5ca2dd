namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// One rubric review settled or open in the period (eval-criteria change log): from which version to which, its status,
/// who wrote and who approved it and when, every per-item decision with its rationale, and the re-grade impact the
/// approver saw (pass rate of the re-graded recent runs before and after; null when no run could be re-graded).
/// </summary>
public sealed record ReportRubricReview(int ReviewId, string Quarter, int BaseVersion, int? NewVersion, string Status,
    string Author, DateTime? SubmittedAt, string? Approver, DateTime? ApprovedAt, IReadOnlyList<ReportItemDecision> Decisions,
    double? PassRateBefore, double? PassRateAfter, int RunsReGraded);
