using BenchDashboard.Domain;
using BenchDashboard.Statistics;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>
/// The statistics of an audit over the cases both runs ran (added and removed cases have no pair): each run's pass
/// rate with its Wilson interval, the paired difference head − base with Newcombe's interval, and McNemar's exact p
/// over the cases that changed.
/// </summary>
public sealed record AuditFigures(int Cases, int BothPass, int NewlyPassing, int NewlyFailing, int StillFailing,
    double BasePassRate, double BaseLow, double BaseHigh, double HeadPassRate, double HeadLow, double HeadHigh,
    double Delta, double DeltaLow, double DeltaHigh, double McnemarP)
{
    public static AuditFigures From(IEnumerable<(bool? BasePassed, bool? HeadPassed)> results)
    {
        int both = 0, up = 0, down = 0, neither = 0;
        foreach (var (b, h) in results)
        {
            if (b is null || h is null) continue;
            if (b.Value && h.Value) both++;
            else if (h.Value) up++;
            else if (b.Value) down++;
            else neither++;
        }
        var n = both + up + down + neither;
        var (baseLow, baseHigh) = Intervals.Wilson(both + down, n);
        var (headLow, headHigh) = Intervals.Wilson(both + up, n);
        var (delta, low, high) = PairedDifference.Newcombe(both, up, down, neither);
        return new AuditFigures(n, both, up, down, neither,
            n == 0 ? 0 : (double)(both + down) / n, baseLow, baseHigh, n == 0 ? 0 : (double)(both + up) / n, headLow, headHigh,
            delta, low, high, McNemar.ExactP(down, up));
    }

    public int Changed => NewlyPassing + NewlyFailing;
}
