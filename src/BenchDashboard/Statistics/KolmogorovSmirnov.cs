namespace BenchDashboard.Statistics;

/// <summary>Outcome of the two-sample Kolmogorov–Smirnov test: D = sup |F_a − F_b| and its two-sided p-value.</summary>
public sealed record KsResult(double D, double PValue);

/// <summary>
/// Two-sample Kolmogorov–Smirnov test (Smirnov 1939): does one distribution of scores differ from another in any
/// way (location, spread or shape)? The p-value is asymptotic, Q_KS(λ) with Stephens' small-sample correction
/// λ = (√nₑ + 0.12 + 0.11/√nₑ)·D, nₑ = nm/(n+m) (Stephens 1970, JRSS B 32; Numerical Recipes, 3rd ed., §14.3.3,
/// <c>kstwo</c>). Tied values are handled by stepping both empirical CDFs past each distinct value before
/// comparing, as <c>scipy.stats.ks_2samp</c> does.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>Two-sided two-sample test. Either sample empty gives D = 0, P = 1 (nothing to compare); NaN values
    /// are refused.</summary>
    public static KsResult TwoSample(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0) return new KsResult(0, 1);
        var x = EmpiricalCdf.Sorted(a, nameof(a));
        var y = EmpiricalCdf.Sorted(b, nameof(b));
        long n = x.Length, m = y.Length, largest = 0;
        int i = 0, j = 0;
        while (i < n && j < m)
        {
            var next = Math.Min(x[i], y[j]);
            while (i < n && x[i] == next) i++;
            while (j < m && y[j] == next) j++;
            // |i/n − j/m| compared as the integer |i·m − j·n| so equal gaps compare equal, free of rounding.
            largest = Math.Max(largest, Math.Abs(i * m - j * n));
        }
        // Once one sample is used up its CDF is 1 and the other's only rises towards 1, so the gap only shrinks.
        return FromD((double)largest / ((double)n * m), n, m);
    }

    /// <summary>The result for a D already found between samples of <paramref name="n"/> and <paramref name="m"/> values.</summary>
    public static KsResult FromD(double d, long n, long m)
    {
        var effective = (double)n * m / (n + m);
        var root = Math.Sqrt(effective);
        var lambda = (root + 0.12 + 0.11 / root) * d;
        return new KsResult(d, Distributions.KolmogorovSurvival(lambda));
    }
}
