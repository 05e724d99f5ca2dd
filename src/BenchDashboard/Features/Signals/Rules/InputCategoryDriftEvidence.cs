using System.Text.Json.Serialization;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// input_drift by category: production traffic of <see cref="Window"/> against the bench cases of its last day.
/// <see cref="Settings"/> are the thresholds it was judged by, for <see cref="Facts"/>; the API's evidence leaves them out.
/// </summary>
public sealed record InputCategoryDriftEvidence(
    DayRange Window, double Psi, double JensenShannonDistance, IReadOnlyList<string> Uncovered, IReadOnlyList<CategoryShare> Shares,
    long Traces, int Cases, [property: JsonIgnore] SignalSettings Settings) : SignalEvidence
{
    /// <summary>How many categories <see cref="Facts"/> lists by their share, largest gap first.</summary>
    private const int SharesListed = 5;

    public override IEnumerable<EvidenceFact> Facts()
    {
        var level = Psi >= Settings.PsiAlert ? $"alert at {Say.Number(Settings.PsiAlert)}" : $"warning at {Say.Number(Settings.PsiWarning)}, alert at {Say.Number(Settings.PsiAlert)}";
        yield return new EvidenceFact("Population stability index (categories)", $"{Say.Number(Psi)} ({level})");
        yield return new EvidenceFact("Jensen–Shannon distance", Say.Number(JensenShannonDistance));
        foreach (var category in Uncovered)
        {
            var share = Shares.FirstOrDefault(s => s.Category == category);
            yield return new EvidenceFact("Uncovered category",
                $"“{category}”: {Say.Percent(share?.Production ?? 0)} of traffic, {Say.Percent(share?.Bench ?? 0)} of bench cases " +
                $"(uncovered: at least {Say.Percent(Settings.UncoveredTrafficShare)} of traffic, under {Say.Percent(Settings.UncoveredBenchShare)} of cases)");
        }
        foreach (var share in Shares.Where(s => !Uncovered.Contains(s.Category)).OrderByDescending(s => Math.Abs(s.Production - s.Bench)).Take(SharesListed))
        {
            yield return new EvidenceFact($"Share of “{share.Category}”", $"production {Say.Percent(share.Production)}, bench {Say.Percent(share.Bench)}");
        }
        yield return new EvidenceFact("Production traces", $"{Say.Number(Traces, "#,##0")} from {Say.Date(Window.From)} to {Say.Date(Window.To)}");
        yield return new EvidenceFact("Bench cases", Say.Number(Cases, "#,##0"));
    }

    /// <summary>Thumbs-up over the drift window and the eight weeks before it; an uncovered category narrows it to that category.</summary>
    public override EvidenceDataView DataView(DateOnly asOf) =>
        new(TrendMetrics.ThumbsUpRate, Uncovered.FirstOrDefault(c => c != InputDriftRule.NoCategory), Window.From.AddDays(-7 * 8), Window.To);
}
