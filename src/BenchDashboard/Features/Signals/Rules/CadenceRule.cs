namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// cadence, the forcing function: the monthly sampling round is overdue, the quarterly rubric review is overdue, or a
/// pipeline version runs without a bench audit. Twice overdue is an alert.
/// </summary>
internal static class CadenceRule
{
    public static IEnumerable<Signal> Evaluate(ProjectSignalData data, DateOnly asOf, SignalSettings settings)
    {
        var lastRound = data.Rounds.Where(r => DateOnly.FromDateTime(r.ClosedAt) <= asOf).Select(r => (DateTime?)r.ClosedAt).Max();
        if (Overdue("sampling", lastRound, settings.SamplingEveryDays, data.FirstDay, asOf) is { } sampling)
        {
            var text = lastRound is null
                ? $"No sampling round has been closed yet; one is due every {settings.SamplingEveryDays} days."
                : $"The last sampling round closed on {Say.Date(DateOnly.FromDateTime(lastRound.Value))}, {sampling.DaysSince} days ago; one is due every {settings.SamplingEveryDays} days.";
            yield return Signal(sampling, text + " Sample production traces this week.");
        }

        var lastReview = data.RubricReviews.Where(r => DateOnly.FromDateTime(r) <= asOf).Select(r => (DateTime?)r).Max();
        if (Overdue("rubricReview", lastReview, settings.RubricReviewEveryDays, data.FirstDay, asOf) is { } review)
        {
            var text = lastReview is null
                ? $"The rubric has never been reviewed; a review is due every {settings.RubricReviewEveryDays} days."
                : $"The rubric was last reviewed on {Say.Date(DateOnly.FromDateTime(lastReview.Value))}, {review.DaysSince} days ago; a review is due every {settings.RubricReviewEveryDays} days.";
            yield return Signal(review, text + " Ask whether each item still matters to users.");
        }

        // The first version has nothing to be compared with; every later one needs its audit within the grace period.
        var deployed = data.Versions.Where(v => DateOnly.FromDateTime(v.DeployedAt) <= asOf).OrderBy(v => v.DeployedAt).Skip(1).ToList();
        var unaudited = deployed.Where(v => !v.Audited && DateOnly.FromDateTime(v.DeployedAt).AddDays(settings.AuditGraceDays) < asOf).ToList();
        if (unaudited.Count > 0)
        {
            var oldest = DateOnly.FromDateTime(unaudited[0].DeployedAt);
            var since = oldest.AddDays(settings.AuditGraceDays + 1);
            var severity = oldest.AddDays(2 * settings.AuditGraceDays) < asOf ? SignalSeverity.Alert : SignalSeverity.Warning;
            var names = string.Join(", ", unaudited.Select(v => v.Version));
            yield return new Signal(SignalKinds.Cadence, null, severity, since,
                $"{(unaudited.Count == 1 ? "Version" : "Versions")} {names} went live without a bench audit (due within {settings.AuditGraceDays} days of deployment): compare its bench run with the previous version's.",
                new { check = "benchAudit", versions = unaudited.Select(v => new { version = v.Version, deployedAt = v.DeployedAt }), graceDays = settings.AuditGraceDays })
            {
                Check = "benchAudit",
            };
        }
    }

    private sealed record OverdueFinding(string Check, int DaysSince, int EveryDays, DateOnly Since, SignalSeverity Severity, DateTime? Last);

    private static OverdueFinding? Overdue(string check, DateTime? last, int everyDays, DateOnly firstDay, DateOnly asOf)
    {
        var reference = last is null ? firstDay : DateOnly.FromDateTime(last.Value);
        var daysSince = asOf.DayNumber - reference.DayNumber;
        if (daysSince <= everyDays) return null;
        var severity = daysSince > 2 * everyDays ? SignalSeverity.Alert : SignalSeverity.Warning;
        return new OverdueFinding(check, daysSince, everyDays, reference.AddDays(everyDays + 1), severity, last);
    }

    private static Signal Signal(OverdueFinding f, string summary) => new(SignalKinds.Cadence, null, f.Severity, f.Since, summary,
        new { check = f.Check, last = f.Last, daysSince = f.DaysSince, everyDays = f.EveryDays })
    {
        Check = f.Check,
    };
}
