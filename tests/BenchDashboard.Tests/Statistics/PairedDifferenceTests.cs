using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class PairedDifferenceTests
{
    // Reference values: Newcombe RG (1998), "Improved confidence intervals for the difference between binomial
    // proportions based on paired data", Stat Med 17:2635–2650, Table III, the rows of method 10 (printed to 4
    // decimals, z = 1.96). Cells in the paper's order e (both), f (first only), g (second only), h (neither).
    [Theory]
    [InlineData(36, 12, 2, 0, 0.0569, 0.3404)]
    [InlineData(20, 12, 2, 16, 0.0562, 0.3292)]
    [InlineData(18, 12, 2, 18, 0.0562, 0.3290)]
    [InlineData(36, 14, 0, 0, 0.1528, 0.4167)]
    [InlineData(18, 14, 0, 18, 0.1441, 0.3963)]
    [InlineData(2, 97, 1, 0, 0.8721, 0.9854)]
    [InlineData(0, 29, 1, 0, 0.6666, 0.9882)]
    [InlineData(0, 30, 0, 0, 0.8395, 1.0)]
    [InlineData(54, 0, 0, 0, -0.0664, 0.0664)]
    [InlineData(27, 0, 0, 27, -0.0351, 0.0351)]
    public void Method_10_matches_Newcombes_published_table(int e, int f, int g, int h, double low, double high)
    {
        var (difference, l, u) = PairedDifference.Newcombe(e, f, g, h, z: 1.96);
        Assert.Equal((double)(f - g) / (e + f + g + h), difference, 12);
        Assert.Equal(low, l, 4);
        Assert.Equal(high, u, 4);
    }

    [Fact]
    public void Swapping_the_runs_mirrors_the_interval()
    {
        var (d1, l1, h1) = PairedDifference.Newcombe(250, 3, 11, 36);
        var (d2, l2, h2) = PairedDifference.Newcombe(250, 11, 3, 36);
        Assert.Equal(-d1, d2, 12);
        Assert.Equal(-h1, l2, 12);
        Assert.Equal(-l1, h2, 12);
    }

    [Fact]
    public void Pairing_narrows_the_interval_when_most_cases_agree()
    {
        // 300 cases, 280 pass in both: an upgrade that fixed 8 and broke 2. Treated as two independent runs the Wilson
        // intervals would combine into a much wider one (Newcombe's square-and-add for independent samples, φ = 0); the
        // paired interval uses that the cases are the same.
        var (_, low, high) = PairedDifference.Newcombe(280, 8, 2, 10);
        double p1 = 288 / 300.0, p2 = 282 / 300.0;
        var (l1, u1) = Intervals.Wilson(288, 300);
        var (l2, u2) = Intervals.Wilson(282, 300);
        var unpaired = Math.Sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)) + Math.Sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
        Assert.True(high - low < unpaired * 0.7, $"paired width {high - low:F4} vs unpaired {unpaired:F4}");
        Assert.InRange(0.02, low, high);
    }

    [Fact]
    public void No_pairs_is_the_whole_range_and_negative_counts_are_refused()
    {
        Assert.Equal((0.0, -1.0, 1.0), PairedDifference.Newcombe(0, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedDifference.Newcombe(1, -1, 0, 0));
    }
}
