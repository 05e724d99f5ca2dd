namespace BenchDashboard.Statistics;

/// <summary>Outcome of Welch's t-test: t (positive when the first mean is higher), the Welch–Satterthwaite degrees of
/// freedom and the two-sided p-value.</summary>
public sealed record WelchResult(double T, double DegreesOfFreedom, double PValue);

/// <summary>
/// Welch's unequal-variances t-test from summary statistics (Welch 1947, "The generalization of 'Student's' problem
/// when several different population variances are involved", Biometrika 34; degrees of freedom after
/// Satterthwaite 1946). It does not assume the two periods have the same spread, which drifting scores rarely do.
/// </summary>
public static class WelchTTest
{
    /// <summary>Two-sided test of mean1 = mean2, given each side's sample variance (divisor n − 1) and size.
    /// With fewer than two observations on a side there is no variance estimate: T = 0, degrees of freedom 0, P = 1.
    /// When both variances are 0 the degrees of freedom are taken as n1 + n2 − 2 and the means either agree
    /// (T = 0, P = 1) or differ with certainty (T = ±∞, P = 0).</summary>
    public static WelchResult Test(double mean1, double variance1, long n1, double mean2, double variance2, long n2)
    {
        if (n1 < 2 || n2 < 2) return new WelchResult(0, 0, 1);
        // Variances computed from running sums can come out a rounding error below 0; they mean 0.
        var s1 = Math.Max(0, variance1) / n1;
        var s2 = Math.Max(0, variance2) / n2;
        var squaredError = s1 + s2;
        if (squaredError == 0)
        {
            double df0 = n1 + n2 - 2;
            if (mean1 == mean2) return new WelchResult(0, df0, 1);
            return new WelchResult(mean1 > mean2 ? double.PositiveInfinity : double.NegativeInfinity, df0, 0);
        }

        var t = (mean1 - mean2) / Math.Sqrt(squaredError);
        // ν = (s1 + s2)² / (s1²/(n1−1) + s2²/(n2−1)), written with the shares s/(s1+s2) so it cannot overflow.
        double w1 = s1 / squaredError, w2 = s2 / squaredError;
        var df = 1 / (w1 * w1 / (n1 - 1) + w2 * w2 / (n2 - 1));
        // 2·F(−|t|) is the directly computed lower tail, exact even when it is far below 1e-16.
        return new WelchResult(t, df, Math.Min(1, 2 * Distributions.StudentTCdf(-Math.Abs(t), df)));
    }
}
