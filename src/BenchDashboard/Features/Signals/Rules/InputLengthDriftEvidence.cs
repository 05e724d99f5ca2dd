using System.Text.Json.Serialization;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// input_drift by input length: the lengths of production inputs in <see cref="Window"/> (from the daily histograms)
/// against the bench cases of its last day. D is the effect size the rule decides on; the p-value is shown, never the trigger.
/// <see cref="Settings"/> are the thresholds it was judged by, for <see cref="Facts"/>; the API's evidence leaves them out.
/// </summary>
public sealed record InputLengthDriftEvidence(
    DayRange Window, double KsD, double KsPValue, double Wasserstein, double ProductionMedian, double BenchMedian, long Traces, int Cases,
    [property: JsonIgnore] SignalSettings Settings) : SignalEvidence
{
    public override IEnumerable<EvidenceFact> Facts()
    {
        yield return new EvidenceFact("Median input length",
            $"production {Characters(ProductionMedian)}, bench {Characters(BenchMedian)}");
        var level = KsD >= Settings.LengthKsAlert ? $"alert at {Say.Number(Settings.LengthKsAlert)}" : $"warning at {Say.Number(Settings.LengthKsWarning)}, alert at {Say.Number(Settings.LengthKsAlert)}";
        yield return new EvidenceFact("Largest gap between the length distributions (Kolmogorov–Smirnov D)", $"{Say.Number(KsD)} ({level}); {Say.P(KsPValue)}");
        yield return new EvidenceFact("Wasserstein distance", Characters(Wasserstein));
        yield return new EvidenceFact("Production traces", $"{Say.Number(Traces, "#,##0")} from {Say.Date(Window.From)} to {Say.Date(Window.To)}");
        yield return new EvidenceFact("Bench cases", Say.Number(Cases, "#,##0"));
    }

    /// <summary>Thumbs-up over the drift window and the eight weeks before it: do users mind the longer or shorter inputs?</summary>
    public override EvidenceDataView DataView(DateOnly asOf) => new(TrendMetrics.ThumbsUpRate, null, Window.From.AddDays(-7 * 8), Window.To);

    private static string Characters(double value) => $"{Say.Number(value, "#,##0")} characters";
}
