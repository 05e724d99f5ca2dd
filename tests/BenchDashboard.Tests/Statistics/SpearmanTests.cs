using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class SpearmanTests
{
    [Fact]
    public void Matches_the_wikipedia_iq_and_television_example()
    {
        // Wikipedia, "Spearman's rank correlation coefficient", example: IQ against hours of TV per week,
        // ρ = −29/165 ≈ −0.175757575 (scipy.stats.spearmanr agrees to the last digit).
        double[] iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
        double[] tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
        Assert.Equal(-29.0 / 165, Spearman.Correlation(iq, tv), 1e-14);
    }

    // Reference values: scipy.stats.spearmanr(x, y).correlation (SciPy 1.10.1), which averages tied ranks.
    [Fact]
    public void Ties_get_average_ranks()
    {
        Assert.Equal(0.9007775105401477, Spearman.Correlation([1, 2, 2, 3, 4, 4, 4, 5], [2, 1, 3, 3, 5, 4, 6, 6]), 1e-12);
        Assert.Equal(-0.24772017853917944, Spearman.Correlation([3.5, 1.0, 2.0, 2.0, 5.0, 1.0, 4.0], [10, 20, 20, 30, 30, 30, 5]), 1e-12);
    }

    [Fact]
    public void Monotone_relations_give_plus_or_minus_one()
    {
        double[] x = [1, 2, 3, 4, 5, 6];
        Assert.Equal(1.0, Spearman.Correlation(x, x.Select(v => Math.Exp(v)).ToArray()), 1e-15);
        Assert.Equal(-1.0, Spearman.Correlation(x, x.Select(v => -v * v * v).ToArray()), 1e-15);
    }

    [Fact]
    public void Degenerate_inputs_give_nan()
    {
        Assert.True(double.IsNaN(Spearman.Correlation([1, 2], [2, 1])));
        Assert.True(double.IsNaN(Spearman.Correlation([], [])));
        Assert.True(double.IsNaN(Spearman.Correlation([1, 2, 3, 4], [5, 5, 5, 5])));
        Assert.True(double.IsNaN(Spearman.Correlation([7, 7, 7], [1, 2, 3])));
        Assert.True(double.IsNaN(Spearman.Correlation([1, double.NaN, 3], [1, 2, 3])));
        Assert.Throws<ArgumentException>(() => Spearman.Correlation([1, 2, 3], [1, 2]));
    }
}
