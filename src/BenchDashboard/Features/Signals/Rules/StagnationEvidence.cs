using System.Text.Json.Serialization;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// The bench runs of a stagnation period: their pass rates stayed between <see cref="Low"/> and <see cref="High"/>,
/// within <see cref="MaxRange"/>, although <see cref="Versions"/> pipeline versions (at least <see cref="MinVersions"/>)
/// were deployed in it.
/// </summary>
public sealed record StagnationEvidence(DayRange Period, int Runs, int Versions, double Low, double High, double MaxRange, int MinVersions,
    [property: JsonPropertyName("series")] IReadOnlyList<RunPassRate> PassRates) : SignalEvidence
{
    public double Range => High - Low;

    public override IEnumerable<EvidenceFact> Facts()
    {
        yield return new("Bench pass rate range", $"{Say.Percent(Low)}–{Say.Percent(High)} ({Say.Points(Range)}; stagnation at ≤ {Say.Points(MaxRange)})");
        yield return new("Period", $"{Say.Range(Period)} ({Say.Count(Period.To.DayNumber - Period.From.DayNumber + 1, "day")})");
        yield return new("Bench runs in the period", Say.Count(Runs, "run"));
        yield return new("Pipeline versions deployed in the period", $"{Versions} (stagnation from {MinVersions})");
    }

    public override EvidenceSeries? Series() => PassRates.Count < 2 ? null
        : new EvidenceSeries("Bench pass rate per run", PassRates.Select(r => new EvidencePoint(r.StartedAt, r.PassRate)).ToList(), IsRate: true);

    public override EvidenceDataView DataView(DateOnly asOf) => new(TrendMetrics.BenchPassRate, null, Period.From, Period.To);
}
