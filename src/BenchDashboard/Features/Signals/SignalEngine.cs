using BenchDashboard.Features.Signals.Rules;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// The drift-signal engine: pure functions of a project's data up to <c>asOf</c>, one rule per signal kind of
/// ARCHITECTURE.md. No database, no clock: the scenario tests feed it generated projects and check exactly what fires.
/// </summary>
public static class SignalEngine
{
    public static IReadOnlyList<Signal> Evaluate(ProjectSignalData data, DateOnly asOf, SignalSettings? settings = null)
    {
        settings ??= SignalSettings.Defaults;
        return DivergenceRule.Evaluate(data, asOf, settings)
            .Concat(StagnationRule.Evaluate(data, asOf, settings))
            .Concat(FailureChurnRule.Evaluate(data, asOf, settings))
            .Concat(InputDriftRule.Evaluate(data, asOf, settings))
            .Concat(CoverageRule.Evaluate(data, asOf, settings))
            .Concat(CadenceRule.Evaluate(data, asOf, settings))
            // Most severe first; among equals the longest-standing first.
            .OrderByDescending(s => s.Severity).ThenBy(s => s.Since).ThenBy(s => s.Kind, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every divergence episode of one metric up to <paramref name="asOf"/>, open or closed, oldest first.</summary>
    public static IReadOnlyList<DivergenceEpisode> DivergenceEpisodes(ProjectSignalData data, string metric, DateOnly asOf, SignalSettings? settings = null) =>
        Rules.DivergenceEpisodes.Replay(data, metric, asOf, settings ?? SignalSettings.Defaults);

    /// <summary>An episode in the words of its signal on the episode's latest day (its closing day once closed), with its
    /// evidence: the audit report shows closed episodes as the Signals page showed them while they were open.</summary>
    public static (string Summary, DivergenceEvidence Evidence) DescribeEpisode(ProjectSignalData data, DivergenceEpisode episode, SignalSettings? settings = null)
    {
        settings ??= SignalSettings.Defaults;
        var evidence = DivergenceEvidence.From(episode, data.Metrics[episode.Metric], settings);
        return (DivergenceRule.Summary(episode, evidence, settings), evidence);
    }
}
