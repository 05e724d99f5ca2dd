namespace BenchDashboard.Statistics;

/// <summary>Shared preparation for the tests that compare empirical CDFs (Kolmogorov–Smirnov, Wasserstein).</summary>
internal static class EmpiricalCdf
{
    /// <summary>A sorted copy of the sample. NaN has no place on the real line, so no CDF; it is refused rather
    /// than sorted to an arbitrary end.</summary>
    public static double[] Sorted(IReadOnlyList<double> sample, string name)
    {
        var copy = new double[sample.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = sample[i];
            if (double.IsNaN(copy[i])) throw new ArgumentException("The sample holds NaN.", name);
        }
        Array.Sort(copy);
        return copy;
    }
}
