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
        if (Overdue(CadenceChecks.Sampling, lastRound, settings.SamplingEveryDays, data.FirstDay, asOf) is { } sampling)
        {
            var text = lastRound is null
                ? $"No sampling round has been closed yet; one is due every {Say.Count(settings.SamplingEveryDays, "day")}."
                : $"The last sampling round closed on {Say.Date(DateOnly.FromDateTime(lastRound.Value))}, {Say.Count(sampling.Evidence.DaysSince, "day")} ago; " +
                  $"one is due every {Say.Count(settings.SamplingEveryDays, "day")}.";
            yield return Signal(sampling, text + " Sample production traces this week.");
        }

        var lastReview = data.RubricReviews.Where(r => DateOnly.FromDateTime(r) <= asOf).Select(r => (DateTime?)r).Max();
        if (Overdue(CadenceChecks.RubricReview, lastReview, settings.RubricReviewEveryDays, data.FirstDay, asOf) is { } review)
        {
            var text = lastReview is null
                ? $"The rubric has never been reviewed; a review is due every {Say.Count(settings.RubricReviewEveryDays, "day")}."
                : $"The rubric was last reviewed on {Say.Date(DateOnly.FromDateTime(lastReview.Value))}, {Say.Count(review.Evidence.DaysSince, "day")} ago; " +
                  $"a review is due every {Say.Count(settings.RubricReviewEveryDays, "day")}.";
            yield return Signal(review, text + " Ask whether each item still matters to users.");
        }

        // The first version has nothing to be compared with; every later one needs its audit within the grace period.
        var deployed = data.Versions.Where(v => DateOnly.FromDateTime(v.DeployedAt) <= asOf).OrderBy(v => v.DeployedAt).ToList();
        var unaudited = deployed.Zip(deployed.Skip(1), (previous, version) => (previous, version))
            .Where(p => !p.version.Audited && UpgradeAudits.AuditSchedule.IsOverdue(p.version.DeployedAt, settings.AuditGraceDays, asOf))
            .Select(p => new UnauditedVersion(p.version.Version, p.version.DeployedAt, asOf.DayNumber - DateOnly.FromDateTime(p.version.DeployedAt).DayNumber,
                p.previous.Version, p.previous.DeployedAt))
            .ToList();
        if (unaudited.Count > 0)
        {
            var oldest = DateOnly.FromDateTime(unaudited[0].DeployedAt);
            var since = oldest.AddDays(settings.AuditGraceDays + 1);
            var severity = oldest.AddDays(2 * settings.AuditGraceDays) < asOf ? SignalSeverity.Alert : SignalSeverity.Warning;
            var names = string.Join(", ", unaudited.Select(v => v.Version));
            var summary = (unaudited.Count == 1 ? $"Version {names}" : $"Versions {names}") +
                          $" went live without a bench audit (due within {Say.Count(settings.AuditGraceDays, "day")} of deployment): " +
                          (unaudited.Count == 1 ? "compare its bench runs with the previous version's." : "compare their bench runs with the previous versions'.");
            yield return new Signal(SignalKinds.Cadence, null, severity, since, summary, new BenchAuditEvidence(unaudited, settings.AuditGraceDays))
            {
                Check = CadenceChecks.BenchAudit,
            };
        }
    }

    private sealed record OverdueFinding(OverdueRitualEvidence Evidence, DateOnly Since, SignalSeverity Severity);

    private static OverdueFinding? Overdue(string check, DateTime? last, int everyDays, DateOnly firstDay, DateOnly asOf)
    {
        var reference = last is null ? firstDay : DateOnly.FromDateTime(last.Value);
        var daysSince = asOf.DayNumber - reference.DayNumber;
        if (daysSince <= everyDays) return null;
        var severity = daysSince > 2 * everyDays ? SignalSeverity.Alert : SignalSeverity.Warning;
        return new OverdueFinding(new OverdueRitualEvidence(check, last, reference, daysSince, everyDays), reference.AddDays(everyDays + 1), severity);
    }

    private static Signal Signal(OverdueFinding f, string summary) => new(SignalKinds.Cadence, null, f.Severity, f.Since, summary, f.Evidence)
    {
        Check = f.Evidence.Check,
    };
}
