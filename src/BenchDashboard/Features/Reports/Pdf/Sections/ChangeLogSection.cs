using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Layout;

namespace BenchDashboard.Features.Reports.Pdf.Sections;

/// <summary>"Eval-criteria change log": each rubric review with its per-item decisions and the re-grade impact.</summary>
internal static class ChangeLogSection
{
    public const string Title = "Eval-criteria change log";

    public static void Write(ReportWriter w, AuditReport report)
    {
        w.Section(Title);
        if (report.RubricReviews.Count == 0)
        {
            w.Note("No rubric review in this period.");
            return;
        }
        foreach (var review in report.RubricReviews)
        {
            w.Subheading($"Review {review.ReviewId}: {review.Quarter}");
            w.KeyValues([
                ("Versions", review.NewVersion is { } next ? $"v{review.BaseVersion} → v{next}" : $"v{review.BaseVersion} (no new version yet)"),
                ("Status", review.Status),
                ("Author", review.Author),
                ("Submitted", ReportFormat.Time(review.SubmittedAt)),
                ("Approver", review.Approver ?? "—"),
                ("Approved", ReportFormat.Time(review.ApprovedAt)),
                ("Re-grade impact", Impact(review)),
            ]);
            if (review.Decisions.Count == 0) w.Note("No item decision recorded.");
            else
                w.Table([new("Item", 2.1), new("Decision", 1), new("New wording", 2.4), new("Rationale", 2.8)],
                    review.Decisions.Select(d => new[] { d.ItemKey, d.Decision, d.NewWording ?? "—", d.Rationale }));
        }
    }

    private static string Impact(ReportRubricReview review) =>
        review.PassRateBefore is { } before && review.PassRateAfter is { } after
            ? $"pass rate of {review.RunsReGraded} re-graded recent runs {ReportFormat.Percent(before)} before, {ReportFormat.Percent(after)} after ({ReportFormat.Points(after - before)})"
            : "no run could be re-graded";
}
