namespace BenchDashboard.Features.Signals;

/// <summary>The evidence of a signal that ended: why, where the rule knows (recovered, bench_caught_up, rebaselined).</summary>
public sealed record SignalEnd(string? Reason) : SignalEvidence
{
    public override IEnumerable<EvidenceFact> Facts()
    {
        if (Reason is not null) yield return new("Why it ended", Reason.Replace('_', ' '));
    }

    public override EvidenceDataView DataView(DateOnly asOf) => new(Trends.TrendMetrics.ThumbsUpRate, null, asOf.AddDays(-56), asOf);
}
