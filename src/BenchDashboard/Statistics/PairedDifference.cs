namespace BenchDashboard.Statistics;

/// <summary>
/// The difference between two pass rates measured on the same cases (a bench run on the old and on the new version),
/// with its 95 % interval by Newcombe's method 10: Newcombe RG (1998), "Improved confidence intervals for the
/// difference between binomial proportions based on paired data", Stat Med 17:2635–2650. Each rate gets its Wilson
/// score interval and the two are combined "square and add", corrected for the correlation of the pairs. Treating
/// the runs as independent would ignore that most cases pass in both and make the interval needlessly wide; the
/// asymptotic (Wald) interval leaves [−1, 1] and behaves badly when few cases change, which is the usual bench.
/// </summary>
public static class PairedDifference
{
    /// <summary>
    /// <paramref name="bothPass"/> (e), <paramref name="firstOnly"/> (f: passed in the first run only),
    /// <paramref name="secondOnly"/> (g: passed in the second only), <paramref name="neither"/> (h). The difference is
    /// first minus second, (f − g)/n. Without pairs the interval is the whole range [−1, 1].
    /// </summary>
    public static (double Difference, double Low, double High) Newcombe(int bothPass, int firstOnly, int secondOnly, int neither, double z = Intervals.Z95)
    {
        if (bothPass < 0 || firstOnly < 0 || secondOnly < 0 || neither < 0) throw new ArgumentOutOfRangeException(nameof(bothPass), "cell counts cannot be negative");
        var n = bothPass + firstOnly + secondOnly + neither;
        if (n == 0) return (0, -1, 1);
        double first = (double)(bothPass + firstOnly) / n, second = (double)(bothPass + secondOnly) / n;
        var (l1, u1) = Intervals.Wilson(bothPass + firstOnly, n, z);
        var (l2, u2) = Intervals.Wilson(bothPass + secondOnly, n, z);
        var phi = Correlation(bothPass, firstOnly, secondOnly, neither, n);
        var difference = first - second;
        var below = Math.Sqrt(Math.Max(0, Sq(first - l1) - 2 * phi * (first - l1) * (u2 - second) + Sq(u2 - second)));
        var above = Math.Sqrt(Math.Max(0, Sq(u1 - first) - 2 * phi * (u1 - first) * (second - l2) + Sq(second - l2)));
        return (difference, Math.Max(-1, difference - below), Math.Min(1, difference + above));
    }

    /// <summary>
    /// Newcombe's φ: the phi coefficient of the 2×2 table with its positive numerator reduced by n/2 (and never below
    /// zero), which keeps the interval from collapsing to zero width when no case changed; 0 when a margin is empty.
    /// </summary>
    private static double Correlation(long e, long f, long g, long h, long n)
    {
        var a = (double)(e + f) * (g + h) * (e + g) * (f + h);
        if (a == 0) return 0;
        double b = (double)e * h - (double)f * g;
        var c = b > n / 2.0 ? b - n / 2.0 : b < 0 ? b : 0;
        return c / Math.Sqrt(a);
    }

    private static double Sq(double x) => x * x;
}
