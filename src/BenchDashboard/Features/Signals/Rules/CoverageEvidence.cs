using System.Globalization;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// The last closed sampling round (<see cref="Round"/>, the month sampled as <c>YYYY-MM</c>): of the production failures
/// reviewers found, the share the bench would have caught, with its Wilson 95 % interval, against the alert threshold.
/// </summary>
public sealed record CoverageEvidence(string Round, DateTime ClosedAt, int Reviewed, int Failures, int BenchWouldCatch,
    double CatchRate, double CatchRateLow, double CatchRateHigh, double Threshold) : SignalEvidence
{
    public override IEnumerable<EvidenceFact> Facts()
    {
        yield return new("Sampling round", $"{Round}, closed on {Say.Date(DateOnly.FromDateTime(ClosedAt))}");
        yield return new("Production failures found", $"{Failures} in {Say.Count(Reviewed, "reviewed trace")}");
        yield return new("The bench would have caught", $"{BenchWouldCatch} of {Failures}: {Say.Percent(CatchRate)} " +
                                                         $"(95 % interval {Say.Percent(CatchRateLow)}–{Say.Percent(CatchRateHigh)})");
        yield return new("Alert below", Say.Percent(Threshold));
    }

    /// <summary>The month the round sampled; a round without a readable month, the month before it closed.</summary>
    public override EvidenceDataView DataView(DateOnly asOf)
    {
        var closed = DateOnly.FromDateTime(ClosedAt);
        var month = DateOnly.TryParseExact(Round + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? new DayRange(first, first.AddMonths(1).AddDays(-1))
            : new DayRange(closed.AddMonths(-1), closed);
        return new(TrendMetrics.ThumbsUpRate, null, month.From, month.To);
    }
}
