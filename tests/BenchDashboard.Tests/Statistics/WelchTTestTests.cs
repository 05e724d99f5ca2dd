using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class WelchTTestTests
{
    [Fact]
    public void Matches_the_wikipedia_example()
    {
        // Data of Wikipedia's "Welch's t-test", example 1: A1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9,
        // 22.6, 23.1, 19.6, 19.0, 21.7, 21.4}, A2 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9,
        // 22.1, 22.9, 20.5, 24.4}. Summary statistics: numpy mean() and var(ddof=1). Reference:
        // scipy.stats.ttest_ind(A1, A2, equal_var=False) (SciPy 1.10.1); ν from the Welch–Satterthwaite formula.
        var result = WelchTTest.Test(20.819999999999997, 7.867428571428571, 15, 22.986666666666665, 3.8126666666666686, 15);
        Assert.Equal(-2.455356398286006, result.T, 1e-12);
        Assert.Equal(24.988529290231416, result.DegreesOfFreedom, 1e-9);
        Assert.Equal(0.021378001462866985, result.PValue, 1e-12);
    }

    [Fact]
    public void Matches_r_t_test()
    {
        // R: t.test(c(11,9,10,11,10,12,9,11,12,9), c(11,13,10,13,12,9,11,12,12,11)) prints
        // "t = -1.8325, df = 17.9, p-value = 0.08356"; full digits from scipy.stats.ttest_ind(..., equal_var=False).
        // Means 10.4 and 11.4, sample variances 124/90 and 144/90.
        var result = WelchTTest.Test(10.4, 124.0 / 90, 10, 11.4, 144.0 / 90, 10);
        Assert.Equal(-1.8325416653445783, result.T, 1e-12);
        Assert.Equal(17.900310146211783, result.DegreesOfFreedom, 1e-9);
        Assert.Equal(0.08355979161922329, result.PValue, 1e-12);
    }

    // Reference values: scipy.stats.ttest_ind_from_stats(m1, √v1, n1, m2, √v2, n2, equal_var=False) (SciPy 1.10.1);
    // ν = (v1/n1 + v2/n2)² / ((v1/n1)²/(n1−1) + (v2/n2)²/(n2−1)) evaluated in Python. The last row is far in the tail.
    [Theory]
    [InlineData(0.82, 0.1476, 500, 0.78, 0.1716, 800, 1.7717509509564304, 1118.7405420943314, 0.07670807265360456)]
    [InlineData(4.1, 1.3, 12, 3.2, 0.4, 7, 2.2124565597491337, 16.99568172730908, 0.04091253348728776)]
    [InlineData(10.0, 1.0, 5, 10.0, 4.0, 9, 0.0, 11.971530249110318, 1.0)]
    [InlineData(0.95, 0.0475, 2000, 0.70, 0.21, 3000, 25.81988897471611, 4587.072959774348, 2.259587453696297e-137)]
    public void Matches_scipy_from_summary_statistics(double m1, double v1, long n1, double m2, double v2, long n2, double t, double df, double p)
    {
        var result = WelchTTest.Test(m1, v1, n1, m2, v2, n2);
        Assert.Equal(t, result.T, 1e-10);
        Assert.Equal(df, result.DegreesOfFreedom, 1e-8 * df);
        Assert.True(Math.Abs(result.PValue - p) <= 1e-9 * p, $"expected {p:R}, got {result.PValue:R}");
    }

    [Fact]
    public void Swapping_the_sides_flips_the_sign_only()
    {
        var forward = WelchTTest.Test(4.1, 1.3, 12, 3.2, 0.4, 7);
        var backward = WelchTTest.Test(3.2, 0.4, 7, 4.1, 1.3, 12);
        Assert.Equal(-forward.T, backward.T, 1e-14);
        Assert.Equal(forward.DegreesOfFreedom, backward.DegreesOfFreedom, 1e-10);
        Assert.Equal(forward.PValue, backward.PValue, 1e-15);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(10, 1)]
    [InlineData(0, 0)]
    public void Fewer_than_two_observations_on_a_side_is_no_test(long n1, long n2)
    {
        var result = WelchTTest.Test(1, 0.5, n1, 2, 0.5, n2);
        Assert.Equal(0.0, result.T);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Zero_variances_give_certainty_or_nothing_and_never_nan()
    {
        var same = WelchTTest.Test(3, 0, 10, 3, 0, 20);
        Assert.Equal(new WelchResult(0, 28, 1), same);
        var different = WelchTTest.Test(3, 0, 10, 2, 0, 20);
        Assert.Equal(new WelchResult(double.PositiveInfinity, 28, 0), different);
        // A variance a rounding error below zero (from running sums) counts as zero.
        var rounded = WelchTTest.Test(3, -1e-18, 10, 2, 0.5, 20);
        Assert.False(double.IsNaN(rounded.PValue));
        Assert.Equal(19, rounded.DegreesOfFreedom, 1e-9);
    }

    [Fact]
    public void An_enormous_t_gives_a_p_value_in_range()
    {
        var result = WelchTTest.Test(100, 1e-6, 50, 0, 1e-6, 50);
        Assert.True(result.T > 1e5);
        Assert.InRange(result.PValue, 0.0, 1e-300);
    }
}
