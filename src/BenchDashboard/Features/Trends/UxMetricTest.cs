using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Trends;

/// <summary>
/// The one rule for comparing a user-experience metric between two samples: rates with the two-proportion z-test,
/// CSAT with Welch's t-test. The divergence signal and the upgrade audit's production evidence both ask it.
/// </summary>
public static class UxMetricTest
{
    /// <summary>The level below which a difference is called significant (95 %, as everywhere in the product).</summary>
    public const double Alpha = 0.05;

    public static string Name(string metric) => metric == TrendMetrics.Csat ? "Welch's t-test" : "two-proportion z-test";

    /// <summary>Two-sided p-value of the difference between <paramref name="now"/> and <paramref name="reference"/>.</summary>
    public static double PValue(string metric, MetricSample now, MetricSample reference) => metric == TrendMetrics.Csat
        ? WelchTTest.Test(now.Mean, Intervals.Variance(now.Sum, now.SumOfSquares, now.N), now.N,
            reference.Mean, Intervals.Variance(reference.Sum, reference.SumOfSquares, reference.N), reference.N).PValue
        : TwoProportionZTest.Test((long)Math.Round(now.Sum), now.N, (long)Math.Round(reference.Sum), reference.N).PValue;
}
