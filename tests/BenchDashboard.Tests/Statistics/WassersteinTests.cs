using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class WassersteinTests
{
    // Reference values: scipy.stats.wasserstein_distance(a, b) (SciPy 1.10.1). The first row is the example in its
    // documentation (a shift of three points by 5, so 5 exactly).
    [Theory]
    [InlineData(new[] { 0.0, 1, 3 }, new[] { 5.0, 6, 8 }, 5.0)]
    [InlineData(new[] { 0.0, 1 }, new[] { 0.0, 1, 2 }, 0.5)]
    [InlineData(new[] { 3.4, 3.9, 7.5, 7.8 }, new[] { 4.5, 1.4 }, 2.7)]
    [InlineData(new[] { 1.0, 1, 2, 5, 5, 5 }, new[] { 2.0, 3, 3, 4 }, 1.3333333333333333)]
    public void Matches_scipy(double[] a, double[] b, double expected)
    {
        Assert.Equal(expected, Wasserstein.Distance(a, b), 1e-12);
        Assert.Equal(expected, Wasserstein.Distance(b, a), 1e-12);
    }

    [Fact]
    public void Identical_samples_are_zero_apart_in_any_order()
    {
        Assert.Equal(0.0, Wasserstein.Distance([0.1, 0.2, 0.2, 0.9], [0.9, 0.2, 0.1, 0.2]));
        Assert.Equal(0.0, Wasserstein.Distance([4.0], [4.0]));
    }

    [Fact]
    public void Empty_samples_give_nan_and_nan_values_are_refused()
    {
        Assert.True(double.IsNaN(Wasserstein.Distance([], [1.0])));
        Assert.True(double.IsNaN(Wasserstein.Distance([1.0], [])));
        Assert.Throws<ArgumentException>(() => Wasserstein.Distance([1.0, double.NaN], [1.0]));
    }
}
