namespace BenchDashboard.Statistics;

/// <summary>Outcome of a two-proportion z-test: the z statistic (positive when the first rate is higher) and its
/// two-sided p-value.</summary>
public sealed record ZTestResult(double Z, double PValue);

/// <summary>
/// Two-sided z-test for the difference of two independent proportions with the pooled standard error
/// √(p̂(1−p̂)(1/n₁+1/n₂)), p̂ = (x₁+x₂)/(n₁+n₂) (Fleiss, Levin and Paik 2003, "Statistical Methods for Rates and
/// Proportions", §2.3, without continuity correction). Z² equals Pearson's χ² of the 2×2 table, so the p-value is
/// that of R's <c>prop.test(correct = FALSE)</c>.
/// </summary>
public static class TwoProportionZTest
{
    /// <summary>Compares successes1/n1 with successes2/n2. With no data on a side (n1 or n2 = 0), or when both
    /// sides are all successes or all failures (no variance to test against), there is no evidence of a
    /// difference: Z = 0, P = 1.</summary>
    public static ZTestResult Test(long successes1, long n1, long successes2, long n2)
    {
        if (n1 < 0) throw new ArgumentOutOfRangeException(nameof(n1));
        if (n2 < 0) throw new ArgumentOutOfRangeException(nameof(n2));
        if (successes1 < 0 || successes1 > n1) throw new ArgumentOutOfRangeException(nameof(successes1));
        if (successes2 < 0 || successes2 > n2) throw new ArgumentOutOfRangeException(nameof(successes2));
        if (n1 == 0 || n2 == 0) return new ZTestResult(0, 1);

        double p1 = (double)successes1 / n1, p2 = (double)successes2 / n2;
        var pooled = (double)(successes1 + successes2) / (n1 + n2);
        var variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (variance <= 0) return new ZTestResult(0, 1);

        var z = (p1 - p2) / Math.Sqrt(variance);
        // 2·Φ(−|z|) keeps small p-values exact instead of computing 1 − Φ(|z|), which rounds to 0 beyond z ≈ 8.3.
        return new ZTestResult(z, Math.Min(1, 2 * Distributions.NormalCdf(-Math.Abs(z))));
    }
}
