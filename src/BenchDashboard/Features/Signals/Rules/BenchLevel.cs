using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// The bench's pass rate over a stretch of days: the mean of its runs' pass rates, each run one observation (the same
/// cases run again are not new evidence, so pooling their results would overstate what the bench knows), with the
/// run-to-run variance floored at the binomial variance of one run, so two identical runs do not claim certainty.
/// </summary>
public readonly record struct BenchLevel(double Mean, double RunVariance, int Runs, int Cases)
{
    /// <summary>
    /// The runs started within the range; with none, the latest run before it (the bench's word still stands).
    /// Null when the project has no run up to the end of the range.
    /// </summary>
    public static BenchLevel? Over(IReadOnlyList<RunOutcome> runs, DayRange range)
    {
        var inRange = runs.Where(r => range.Contains(r.StartedAt) && r.Total > 0).ToList();
        if (inRange.Count == 0)
        {
            var latest = runs.Where(r => DateOnly.FromDateTime(r.StartedAt) < range.From && r.Total > 0).MaxBy(r => r.StartedAt);
            if (latest is null) return null;
            inRange.Add(latest);
        }
        var rates = inRange.Select(r => r.PassRate).ToList();
        var mean = rates.Average();
        var cases = (int)Math.Round(inRange.Average(r => r.Total));
        var sample = rates.Count > 1 ? rates.Sum(r => (r - mean) * (r - mean)) / (rates.Count - 1) : 0;
        var binomial = mean * (1 - mean) / Math.Max(1, cases);
        return new BenchLevel(mean, Math.Max(sample, binomial), rates.Count, cases);
    }

    /// <summary>
    /// Whether the bench fell with the users (docs/decisions/0013-divergence-episodes.md): its level dropped by at least
    /// a share of the users' worsening (half by default), in points (CSAT's worsening counts as its share of the 1–5 scale), and the drop is
    /// beyond the bench's own run-to-run noise (one-sided z at the project's alpha). A one-run dip of a point moves a
    /// four-run mean by a quarter point: it can never make the bench "see" a ten-point drop in users.
    /// </summary>
    public static bool FellWith(BenchLevel before, BenchLevel now, double usersWorsePoints, SignalSettings settings)
    {
        var drop = before.Mean - now.Mean;
        if (drop < settings.DivergenceBenchShare * usersWorsePoints) return false;
        // Run-to-run noise is the bench's own property: the reference period's runs know it best, and a side with fewer
        // than three runs cannot estimate it at all.
        var noise = Math.Max(before.RunVariance, now.Runs >= 3 ? now.RunVariance : 0);
        var standardError = Math.Sqrt(noise / before.Runs + noise / now.Runs);
        return standardError <= 0 || Distributions.NormalCdf(-drop / standardError) < settings.DivergenceAlpha;
    }
}
