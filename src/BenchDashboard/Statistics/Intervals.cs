namespace BenchDashboard.Statistics;

/// <summary>Confidence intervals shown beside every rate and mean, so small samples read honestly.</summary>
public static class Intervals
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Wilson score interval for <paramref name="successes"/> out of <paramref name="n"/>
    /// (Wilson 1927; Newcombe 1998, method 3). Unlike the normal approximation it stays inside [0, 1]
    /// and behaves at 0 and n successes.</summary>
    public static (double Low, double High) Wilson(long successes, long n, double z = Z95)
    {
        if (n <= 0) return (0, 1);
        if (successes < 0 || successes > n) throw new ArgumentOutOfRangeException(nameof(successes));
        double p = (double)successes / n, z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var halfWidth = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (Math.Max(0, centre - halfWidth), Math.Min(1, centre + halfWidth));
    }

    /// <summary>Sample variance (n − 1) from a sum and a sum of squares; 0 below two values, never negative from rounding.</summary>
    public static double Variance(double sum, double sumOfSquares, long n)
    {
        if (n < 2) return 0;
        var mean = sum / n;
        return Math.Max(0, (sumOfSquares - n * mean * mean) / (n - 1));
    }

    /// <summary>Normal-approximation interval of a mean from its sum and sum of squares (used for CSAT, n is large
    /// in practice; for n &lt; 2 the interval is the whole 1–5 scale's width around the value).</summary>
    public static (double Mean, double Low, double High) Mean(double sum, double sumOfSquares, long n, double z = Z95)
    {
        if (n <= 0) return (double.NaN, double.NaN, double.NaN);
        var mean = sum / n;
        if (n < 2) return (mean, mean, mean);
        var half = z * Math.Sqrt(Variance(sum, sumOfSquares, n) / n);
        return (mean, mean - half, mean + half);
    }
}
