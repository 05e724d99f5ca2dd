using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// A ritual that is late: the monthly sampling round or the rubric review (<see cref="Check"/>, see
/// <see cref="CadenceChecks"/>). <see cref="DaysSince"/> counts from <see cref="Last"/>, or from the project's first day
/// with data when it never happened (<see cref="CountedFrom"/> either way); it is due every <see cref="EveryDays"/> days.
/// </summary>
public sealed record OverdueRitualEvidence(string Check, DateTime? Last, DateOnly CountedFrom, int DaysSince, int EveryDays) : SignalEvidence
{
    public int OverdueDays => DaysSince - EveryDays;

    public override IEnumerable<EvidenceFact> Facts()
    {
        var sampling = Check == CadenceChecks.Sampling;
        var label = sampling ? "Last sampling round closed" : "Rubric last reviewed";
        yield return new(label, Last is { } last
            ? $"{Say.Date(DateOnly.FromDateTime(last))}, {Say.Count(DaysSince, "day")} ago"
            : $"never; {Say.Count(DaysSince, "day")} since the project's first data on {Say.Date(CountedFrom)}");
        yield return new(sampling ? "A sampling round is due every" : "A rubric review is due every", Say.Count(EveryDays, "day"));
        yield return new("Overdue by", Say.Count(OverdueDays, "day"));
    }

    /// <summary>What users said since the ritual last happened: the days nobody looked at production traffic (or at the rubric).</summary>
    public override EvidenceDataView DataView(DateOnly asOf) => new(TrendMetrics.ThumbsUpRate, null, CountedFrom, asOf < CountedFrom ? CountedFrom : asOf);
}
