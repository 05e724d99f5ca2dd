using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The signal episodes of the period: the divergence episodes (the one signal held as an episode, ARCHITECTURE.md)
/// replayed as of the period's last day that overlap the period, each with the sentence its signal said on its latest
/// day and every triage step taken on it (<see cref="SignalTriageHistory"/>). The signals open at the period's end are
/// the Signals page's board as of its last day (<see cref="SignalBoard"/>), listed by <see cref="OpenSignal"/>.
/// </summary>
public sealed class ReportEpisodesQuery(SignalsService signals, SignalTriageHistory history)
{
    public async Task<IReadOnlyList<ReportEpisodeFinding>> EpisodesAsync(int projectId, ReportPeriod period, CancellationToken ct)
    {
        var (_, data, settings) = await signals.GetWithDataAsync(projectId, period.To, ct);
        var steps = await history.StepsAsync(projectId, ct);
        var findings = new List<ReportEpisodeFinding>();
        foreach (var metric in TrendMetrics.UserExperience)
        {
            foreach (var e in SignalEngine.DivergenceEpisodes(data, metric, period.To, settings).Where(e => e.ClosedOn is not { } closed || closed >= period.From))
            {
                var (summary, evidence) = SignalEngine.DescribeEpisode(data, e, settings);
                if (e is { ClosedOn: { } on, End: { } end }) summary += $" Closed on {Say.Date(on)}: {SignalAlerting.EndReason(end).Replace('_', ' ')}.";
                var triage = steps.Where(s => s.Kind == SignalKinds.Divergence && s.Subject == metric && s.Since == e.Onset)
                    .Select(s => new ReportTriageStep(s.At, s.By, s.Status, s.Reason)).ToList();
                findings.Add(new ReportEpisodeFinding(new ReportEpisode(Signal.TitleOf(SignalKinds.Divergence, metric), e.Onset, e.ClosedOn, summary, triage),
                    metric, evidence.Format(evidence.Before), evidence.Format(evidence.Now)));
            }
        }
        return findings.OrderBy(f => f.Episode.Onset).ThenBy(f => f.Episode.Signal, StringComparer.Ordinal).ToList();
    }

    /// <summary>A signal of the Signals page's board as the summary lists it: its card's title, start, triage line and sentence.</summary>
    public static ReportOpenSignal OpenSignal(TriagedSignal s) => new(s.Signal.Title, s.Signal.Since, s.StatusText, s.Signal.Summary);
}
