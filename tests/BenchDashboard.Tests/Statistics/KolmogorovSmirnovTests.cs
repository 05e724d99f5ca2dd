using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class KolmogorovSmirnovTests
{
    // D: scipy.stats.ks_2samp(a, b, method='asymp').statistic (SciPy 1.10.1). P: the Numerical Recipes kstwo formula
    // evaluated in Python with λ = (√nₑ + 0.12 + 0.11/√nₑ)·D and scipy.special.kolmogorov(λ). scipy's own asymptotic
    // p-value omits the Stephens correction and differs, as expected: 0.0037814 vs scipy 0.0 (5 vs 5),
    // 0.70013 vs 0.71331 (7 vs 6 with ties), 0.059027 vs 0.067250 (25 vs 25).
    [Fact]
    public void Disjoint_samples_have_d_one()
    {
        var result = KolmogorovSmirnov.TwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
        Assert.Equal(1.0, result.D);
        // λ = 1.770708938607894
        Assert.Equal(0.003781354059370101, result.PValue, 1e-12);
    }

    [Fact]
    public void Ties_within_and_across_samples_step_the_cdfs_together()
    {
        var result = KolmogorovSmirnov.TwoSample([1, 2, 2, 3, 3, 3, 4], [2, 3, 3, 4, 4, 5]);
        Assert.Equal(0.3571428571428571, result.D, 1e-15);
        // λ = 0.7066544353481766
        Assert.Equal(0.7001308145277135, result.PValue, 1e-12);
    }

    [Fact]
    public void Matches_scipy_statistic_and_the_stephens_corrected_p_value()
    {
        double[] a =
        [
            0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37, 1.77, 1.09,
            -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47,
        ];
        double[] b =
        [
            2.2, 1.66, 1.38, 0.2, 0.36, 0.0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, 1.27, -0.53, 0.65, 0.62,
            1.39, 0.0, 1.08, 1.57, 0.55, 1.01, 3.15,
        ];
        var result = KolmogorovSmirnov.TwoSample(a, b);
        Assert.Equal(0.36, result.D, 1e-12);
        // λ = 1.3271927775497807
        Assert.Equal(0.059027026305566256, result.PValue, 1e-12);
    }

    [Fact]
    public void Unequal_sizes_and_a_small_p_value()
    {
        // Rounded draws from numpy.random.default_rng(7): 40 from N(0, 1), 55 from N(0.6, 1.3²).
        double[] a =
        [
            0.0, 0.3, -0.27, -0.89, -0.45, -0.99, 0.06, 1.34, -0.49, -0.62, 0.49, 0.36, 0.11, -0.93, -0.03, 0.7, -1.34,
            -0.46, -1.9, -1.29, -1.84, -0.24, -1.27, 0.27, 0.16, -0.19, -2.52, -0.54, -0.05, 0.11, -1.53, -0.48, -0.98,
            -0.81, 1.06, -0.81, -0.03, 0.88, -0.58, -0.11,
        ];
        double[] b =
        [
            0.74, 0.68, -0.99, 0.7, 2.37, -1.41, 1.72, 0.76, -0.23, 3.2, 1.59, -0.96, 0.7, 1.35, 0.35, 1.49, 0.51, 1.47,
            2.47, -0.28, 0.86, 0.0, 0.77, -0.94, -0.15, 0.34, 1.77, 2.09, -1.12, -0.43, 1.44, -1.99, 0.0, 0.47, 2.23,
            1.5, 0.17, 0.12, 0.27, 2.58, 0.04, 0.21, 1.06, 0.44, 0.34, -0.85, 0.59, 0.02, 2.12, 1.45, 0.57, 1.47, 0.16,
            1.97, 0.59,
        ];
        var result = KolmogorovSmirnov.TwoSample(a, b);
        Assert.Equal(0.5022727272727273, result.D, 1e-12);
        // λ = 2.4888232892222364; scipy's uncorrected asymptotic p is 6.80e-06.
        Assert.True(Math.Abs(result.PValue - 8.332595635771667e-06) <= 1e-9 * 8.332595635771667e-06, $"got {result.PValue:R}");
    }

    [Fact]
    public void Identical_samples_have_d_zero_and_p_one()
    {
        Assert.Equal(new KsResult(0, 1), KolmogorovSmirnov.TwoSample([3, 1, 2, 2], [2, 3, 2, 1]));
    }

    [Fact]
    public void Empty_samples_give_d_zero_and_p_one()
    {
        Assert.Equal(new KsResult(0, 1), KolmogorovSmirnov.TwoSample([], [1.0, 2.0]));
        Assert.Equal(new KsResult(0, 1), KolmogorovSmirnov.TwoSample([1.0], []));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample([double.NaN], [1.0]));
    }
}
