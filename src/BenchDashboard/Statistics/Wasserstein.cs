namespace BenchDashboard.Statistics;

/// <summary>
/// The 1-D Wasserstein-1 (earth mover's) distance between two empirical distributions: the area between their
/// CDFs, ∫ |F_a(t) − F_b(t)| dt (Villani 2009, "Optimal Transport", remark 2.19 for the 1-D form; computed as
/// <c>scipy.stats.wasserstein_distance</c> does). It is in the data's units, so a shift of every score by 0.1
/// gives 0.1, which makes it readable on latency or score distributions where a p-value is not.
/// </summary>
public static class Wasserstein
{
    /// <summary>W₁ between the samples <paramref name="a"/> and <paramref name="b"/> (equal weights per value).
    /// Either sample empty gives NaN; NaN values are refused.</summary>
    public static double Distance(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0) return double.NaN;
        var x = EmpiricalCdf.Sorted(a, nameof(a));
        var y = EmpiricalCdf.Sorted(b, nameof(b));
        double n = x.Length, m = y.Length, total = 0;
        var previous = Math.Min(x[0], y[0]);
        int i = 0, j = 0;
        // Between consecutive distinct values of the pooled sample both CDFs are constant: add |F_a − F_b| times
        // the gap, then step both CDFs past the next value.
        while (i < x.Length || j < y.Length)
        {
            var next = Math.Min(i < x.Length ? x[i] : double.PositiveInfinity, j < y.Length ? y[j] : double.PositiveInfinity);
            total += Math.Abs(i / n - j / m) * (next - previous);
            while (i < x.Length && x[i] == next) i++;
            while (j < y.Length && y[j] == next) j++;
            previous = next;
        }
        return total;
    }
}
