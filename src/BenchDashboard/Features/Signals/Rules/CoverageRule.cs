using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// coverage: of the production failures reviewers found in the last closed sampling round, the share the bench would
/// have caught, with its Wilson interval. Below the threshold is an alert; a rate above it whose interval still
/// reaches below it (too few failures to be sure) is a warning.
/// </summary>
internal static class CoverageRule
{
    public static IEnumerable<Signal> Evaluate(ProjectSignalData data, DateOnly asOf, SignalSettings settings)
    {
        var round = data.Rounds.Where(r => DateOnly.FromDateTime(r.ClosedAt) <= asOf).MaxBy(r => r.ClosedAt);
        if (round is null || round.Failures == 0) yield break;
        var rate = (double)round.BenchWouldCatch / round.Failures;
        var (low, high) = Intervals.Wilson(round.BenchWouldCatch, round.Failures);
        SignalSeverity? severity = rate < settings.CoverageAlertBelow ? SignalSeverity.Alert
            : low < settings.CoverageAlertBelow ? SignalSeverity.Warning
            : null;
        if (severity is null) yield break;
        var evidence = new CoverageEvidence(round.Period, round.ClosedAt, round.Reviewed, round.Failures, round.BenchWouldCatch, rate, low, high,
            settings.CoverageAlertBelow);
        var caught = $"The bench would have caught {round.BenchWouldCatch} of {Say.Count(round.Failures, "production failure")}";
        var summary = severity == SignalSeverity.Alert
            ? $"{caught} found in sampling round {round.Period} ({Say.Percent(rate)}, 95 % interval {Say.Percent(low)}–{Say.Percent(high)}), " +
              $"below {Say.Percent(settings.CoverageAlertBelow)}: turn the gaps into bench cases."
            : $"{caught} in sampling round {round.Period} ({Say.Percent(rate)}), but with so few failures the 95 % interval reaches down to " +
              $"{Say.Percent(low)}: sample more traces next round.";
        yield return new Signal(SignalKinds.Coverage, null, severity.Value, DateOnly.FromDateTime(round.ClosedAt), summary, evidence);
    }
}
