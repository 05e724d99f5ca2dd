namespace BenchDashboard.Benchmarks;

/// <summary>Order statistics of timings (nearest rank: the value below which the given share of samples lie).</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> samples, double share)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(share * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> samples) => Percentile(samples, 0.5);
    public static double P95(IReadOnlyCollection<double> samples) => Percentile(samples, 0.95);
}
