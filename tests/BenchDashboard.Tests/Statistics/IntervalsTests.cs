using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class IntervalsTests
{
    // Reference values: Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (Wilson).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_interval_matches_published_values(int successes, int n, double low, double high)
    {
        var (l, h) = Intervals.Wilson(successes, n);
        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    [Fact]
    public void Wilson_interval_is_symmetric_and_stays_inside_zero_and_one()
    {
        var (l1, h1) = Intervals.Wilson(3, 10);
        var (l2, h2) = Intervals.Wilson(7, 10);
        Assert.Equal(l1, 1 - h2, 10);
        Assert.Equal(h1, 1 - l2, 10);
        var (low, high) = Intervals.Wilson(10, 10);
        Assert.Equal(0.7225, low, 4);
        Assert.Equal(1.0, high, 10);
    }

    [Fact]
    public void Wilson_interval_without_data_is_the_whole_range()
    {
        Assert.Equal((0.0, 1.0), Intervals.Wilson(0, 0));
    }

    [Fact]
    public void Mean_interval_uses_the_sample_standard_deviation()
    {
        // Values 1..5 once each: mean 3, sample sd sqrt(2.5), half-width 1.96 * sqrt(2.5 / 5).
        double[] values = [1, 2, 3, 4, 5];
        var (mean, low, high) = Intervals.Mean(values.Sum(), values.Sum(v => v * v), values.Length);
        Assert.Equal(3.0, mean, 10);
        Assert.Equal(3 - Intervals.Z95 * Math.Sqrt(0.5), low, 10);
        Assert.Equal(3 + Intervals.Z95 * Math.Sqrt(0.5), high, 10);
    }
}
