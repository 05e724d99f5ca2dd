namespace BenchDashboard.Benchmarks;

/// <summary>Order statistics of timings; percentiles by nearest rank (the smallest sample with at least that share at or below it).</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> samples, double share)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(share * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The middle value, or the mean of the two middle values for an even count.</summary>
    public static double Median(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
    public static double P95(IReadOnlyCollection<double> samples) => Percentile(samples, 0.95);
}
