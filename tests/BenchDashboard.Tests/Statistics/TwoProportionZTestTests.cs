using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class TwoProportionZTestTests
{
    // Reference values: scipy.stats.chi2_contingency([[x1, n1−x1], [x2, n2−x2]], correction=False) (SciPy 1.10.1),
    // i.e. R's prop.test(c(x1, x2), c(n1, n2), correct = FALSE): p-value as given, Z = sign(p1 − p2)·√χ².
    [Theory]
    [InlineData(45, 100, 30, 100, 2.1908902300206643, 0.028459736916310638)]
    [InlineData(820, 1000, 780, 1000, 2.23606797749979, 0.025347318677468325)]
    [InlineData(15, 40, 35, 60, -2.041241452319315, 0.041226833337163815)]
    [InlineData(3, 10, 0, 10, 1.8786728732554485, 0.06028917399060221)]
    [InlineData(900, 1000, 500, 1000, 19.518001458970662, 7.719934594295344e-85)]
    public void Matches_prop_test_without_continuity_correction(long x1, long n1, long x2, long n2, double z, double p)
    {
        var result = TwoProportionZTest.Test(x1, n1, x2, n2);
        Assert.Equal(z, result.Z, 1e-12);
        Assert.True(Math.Abs(result.PValue - p) <= 1e-10 * p, $"expected {p:R}, got {result.PValue:R}");
    }

    [Fact]
    public void Swapping_the_sides_flips_the_sign_only()
    {
        var forward = TwoProportionZTest.Test(45, 100, 30, 100);
        var backward = TwoProportionZTest.Test(30, 100, 45, 100);
        Assert.Equal(-forward.Z, backward.Z, 1e-15);
        Assert.Equal(forward.PValue, backward.PValue, 1e-15);
    }

    [Fact]
    public void An_extreme_difference_gives_a_p_value_of_zero_not_nan()
    {
        // z ≈ 43.8 (scipy gives χ² p-value 0.0 too): the true p is below the smallest double.
        var result = TwoProportionZTest.Test(990, 1000, 10, 1000);
        Assert.Equal(43.826932358995876, result.Z, 1e-10);
        Assert.InRange(result.PValue, 0.0, 1e-300);
    }

    [Theory]
    [InlineData(0, 0, 5, 10)]
    [InlineData(5, 10, 0, 0)]
    [InlineData(0, 10, 0, 20)]
    [InlineData(10, 10, 20, 20)]
    public void Without_data_or_variance_there_is_no_evidence(long x1, long n1, long x2, long n2)
    {
        Assert.Equal(new ZTestResult(0, 1), TwoProportionZTest.Test(x1, n1, x2, n2));
    }

    [Fact]
    public void Equal_rates_give_z_zero_and_p_one()
    {
        var result = TwoProportionZTest.Test(40, 100, 80, 200);
        Assert.Equal(0.0, result.Z, 1e-15);
        Assert.Equal(1.0, result.PValue, 1e-15);
    }

    [Fact]
    public void Impossible_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Test(11, 10, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Test(1, 10, -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Test(0, -1, 1, 10));
    }
}
