using System.Globalization;
using BenchDashboard.Features.UpgradeAudits;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// Whether each practice held in a period (decision 0036), from the facts the services give: pure, so the rules are
/// tested without a database. A practice holds when everything it owed in the period was done on time, partly when some
/// of it was done (late, or not all), is missed when nothing it owed was done, and was not due when it owed nothing yet.
/// </summary>
public static class ReportPractices
{
    public const string Sampling = "Monthly sampling", RubricReview = "Quarterly rubric review", UpgradeAudits = "Per-upgrade bench audits";

    /// <summary>
    /// One round per month the period touches, on time when closed by <see cref="RoundDeadline"/>; months that ended
    /// before the project's first day (<paramref name="firstDay"/>, as the cadence signal counts it) owed nothing.
    /// </summary>
    public static PracticeState SamplingState(ReportPeriod period, IReadOnlyList<ReportRound> rounds, int everyDays, DateOnly firstDay, DateOnly today)
    {
        var months = period.Months.Where(m => DateOnly.ParseExact(m + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1) > firstDay).ToList();
        var items = months.Select(month =>
        {
            var due = RoundDeadline.DueBy(month, everyDays)!.Value;
            var name = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
            var closed = rounds.Where(r => r.Period == month && r.ClosedAt is not null).MinBy(r => r.ClosedAt);
            return Item(name, closed?.ClosedAt, due, today, "round closed", "no round closed");
        }).ToList();
        return Fold(Sampling, items, $"The project's data begins on {Day(firstDay)}, after the period: no round was owed.");
    }

    /// <summary>
    /// A review approved within <paramref name="everyDays"/> of the previous approval (or, before any, of the rubric's
    /// first version): held when the one due in the period, or an earlier one, was approved in the period on time.
    /// </summary>
    public static PracticeState RubricReviewState(ReportPeriod period, IReadOnlyList<DateTime> approvals, DateTime? rubricSince, int everyDays,
        DateOnly today)
    {
        if (rubricSince is null) return new PracticeState(RubricReview, PracticeOutcome.NotDue, "The project had no rubric in the period.");
        var previous = approvals.Where(a => a < period.Start).Select(a => (DateTime?)a).Max();
        var due = DateOnly.FromDateTime(previous ?? rubricSince.Value).AddDays(everyDays);
        var since = previous is { } p ? $"the last before it was approved on {Day(p)}" : $"the rubric dates from {Day(rubricSince.Value)}";
        var approved = approvals.Where(period.Contains).Order().ToList();
        if (approved.Count > 0) return Fold(RubricReview, [Item("Review", approved[0], due, today, "approved", "")], "", $"; {since}");
        return due <= period.To && due < today
            ? new PracticeState(RubricReview, PracticeOutcome.Missed, $"No review was approved in the period; one was due by {Day(due)} ({since}).")
            : new PracticeState(RubricReview, PracticeOutcome.NotDue, $"No review was due in the period: {since}; the next is due by {Day(due)}.");
    }

    /// <summary>Every version that replaced another in the period needs a signed-off audit within the grace period.</summary>
    public static PracticeState UpgradeAuditState(IReadOnlyList<VersionTransition> deployedInPeriod, IReadOnlyList<UpgradeAuditListItem> audits, DateOnly today)
    {
        var items = deployedInPeriod.Select(t =>
        {
            var signedOff = audits.Where(a => a.HeadVersion == t.Version && a.SignedOffAt is not null).Min(a => a.SignedOffAt);
            return Item($"{t.Version} (live {Day(t.DeployedAt)})", signedOff, t.DueBy, today, "audit signed off", "no signed-off audit");
        }).ToList();
        return Fold(UpgradeAudits, items, "No new pipeline version went live in the period.");
    }

    private static PracticeItem Item(string name, DateTime? doneAt, DateOnly due, DateOnly today, string done, string missing)
    {
        if (doneAt is { } at)
        {
            var late = DateOnly.FromDateTime(at).DayNumber - due.DayNumber;
            return late <= 0
                ? new PracticeItem(PracticeItemState.OnTime, $"{name}: {done} {Day(at)}, on time")
                : new PracticeItem(PracticeItemState.Late, $"{name}: {done} {Day(at)}, {Days(late)} late (due by {Day(due)})");
        }
        return due < today
            ? new PracticeItem(PracticeItemState.Missing, $"{name}: {missing} (due by {Day(due)})")
            : new PracticeItem(PracticeItemState.NotYetDue, $"{name}: not due yet (due by {Day(due)})");
    }

    private static PracticeState Fold(string practice, IReadOnlyList<PracticeItem> items, string whenNone, string suffix = "")
    {
        if (items.Count == 0) return new PracticeState(practice, PracticeOutcome.NotDue, whenNone);
        var owed = items.Where(i => i.State != PracticeItemState.NotYetDue).ToList();
        var outcome = owed.Count == 0 ? PracticeOutcome.NotDue
            : owed.All(i => i.State == PracticeItemState.OnTime) ? PracticeOutcome.Held
            : owed.Any(i => i.State is PracticeItemState.OnTime or PracticeItemState.Late) ? PracticeOutcome.Partly
            : PracticeOutcome.Missed;
        return new PracticeState(practice, outcome, string.Join("; ", items.Select(i => i.Text)) + suffix + ".");
    }

    private static string Day(DateTime at) => Day(DateOnly.FromDateTime(at));

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Days(int n) => n == 1 ? "1 day" : $"{n} days";
}
