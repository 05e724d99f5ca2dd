using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// divergence: a disagreement of levels, held as an episode (<see cref="DivergenceEpisodes"/>). A user-experience metric
/// is significantly (two-proportion z-test for rates, Welch's t-test for CSAT) and materially (the minimum effect) worse
/// than its healthy level before the onset while the bench did not fall with it; the signal lasts as long as the
/// episode does, and <see cref="Signal.Since"/> is the onset.
/// </summary>
internal static class DivergenceRule
{
    public static IEnumerable<Signal> Evaluate(ProjectSignalData data, DateOnly asOf, SignalSettings settings)
    {
        foreach (var metric in TrendMetrics.UserExperience)
        {
            if (DivergenceEpisodes.Replay(data, metric, asOf, settings).LastOrDefault() is not { IsOpen: true } episode) continue;
            yield return ToSignal(episode, data.Metrics[metric], settings);
        }
    }

    private static Signal ToSignal(DivergenceEpisode e, IReadOnlyList<MetricDay> days, SignalSettings settings)
    {
        var evidence = DivergenceEvidence.From(e, days, settings);
        var severity = Math.Abs(evidence.Change) >= 2 * evidence.MinimumEffect ? SignalSeverity.Alert : SignalSeverity.Warning;
        return new Signal(SignalKinds.Divergence, e.Metric, severity, e.Onset, Summary(e, evidence, settings), evidence);
    }

    /// <summary>The signal's sentence for an episode as of its latest check (its closing day once closed).</summary>
    internal static string Summary(DivergenceEpisode e, DivergenceEvidence evidence, SignalSettings settings)
    {
        var moved = HigherIsBetter(e.Metric) ? "fell" : "rose";
        var span = e.Latest.Window.From == e.Onset ? $"since {Say.Date(e.Onset)}" : $"over the last {settings.DivergenceWindowDays} days";
        var bench = evidence.BenchNow is { } benchNow
            ? $"while the bench pass rate held at {Say.Percent(benchNow)} (was {Say.Percent(evidence.BenchBefore)})"
            : $"while the bench has not run since (it passed {Say.Percent(evidence.BenchBefore)})";
        return $"{TrendMetrics.Label(e.Metric)} {moved} from {evidence.Format(evidence.Before)} before {Say.Date(e.Onset)} to " +
               $"{evidence.Format(evidence.Now)} {span} ({Say.P(evidence.PValue)}) {bench}: the bench no longer measures what users feel.";
    }

    internal static bool HigherIsBetter(string metric) => metric is TrendMetrics.ThumbsUpRate or TrendMetrics.Csat;
}
