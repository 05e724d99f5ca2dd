using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class DistributionsTests
{
    // Reference values: scipy.special.ndtr(z) (SciPy 1.10.1); Φ(1.959963984540054) = 0.975 is the textbook 95 % quantile.
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 0.6914624612740131)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-3.0, 0.0013498980316300933)]
    [InlineData(5.0, 0.9999997133484281)]
    [InlineData(-8.5, 9.47953482220325e-18)]
    [InlineData(-10.0, 7.61985302416047e-24)]
    [InlineData(-20.0, 2.7536241186061556e-89)]
    [InlineData(-37.5, 4.605353009581954e-308)]
    public void Normal_cdf_matches_reference_values_to_relative_1e_12(double z, double expected)
    {
        AssertRelative(expected, Distributions.NormalCdf(z), 1e-12);
    }

    [Fact]
    public void Normal_cdf_is_symmetric_and_saturates_without_nan()
    {
        foreach (var z in new[] { 0.1, 0.7, 1.3, 2.9, 4.2, 6.0 })
            Assert.Equal(1.0, Distributions.NormalCdf(z) + Distributions.NormalCdf(-z), 1e-15);
        Assert.Equal(0.0, Distributions.NormalCdf(-40));
        Assert.Equal(0.0, Distributions.NormalCdf(double.NegativeInfinity));
        Assert.Equal(1.0, Distributions.NormalCdf(40));
        Assert.Equal(1.0, Distributions.NormalCdf(double.PositiveInfinity));
        Assert.True(double.IsNaN(Distributions.NormalCdf(double.NaN)));
    }

    // Reference values: scipy.stats.t.cdf(t, df) (SciPy 1.10.1), including non-integer df as Welch's test produces;
    // t = 12.706204736174707 with df = 1 is the 0.975 quantile from every t table.
    [Theory]
    [InlineData(2.0, 7.5, 0.9585515023509169)]
    [InlineData(-1.5, 3.0, 0.11529193262241141)]
    [InlineData(0.3, 1.0, 0.5927735790777423)]
    [InlineData(-2.5, 2.5, 0.052284981539077686)]
    [InlineData(1.0, 30.0, 0.8373456922869851)]
    [InlineData(-4.0, 12.3, 0.0008400447522979402)]
    [InlineData(3.0, 0.5, 0.8163459220070283)]
    [InlineData(-0.1, 1234.5, 0.46018028101295266)]
    [InlineData(12.706204736174707, 1.0, 0.975)]
    [InlineData(-2.0, 1e6, 0.0227502669256596)]
    [InlineData(-6.0, 1e6, 9.869249061772215e-10)]
    [InlineData(-40.0, 3.0, 1.719034039457927e-05)]
    [InlineData(-1000.0, 10.0, 1.2304123550866324e-26)]
    [InlineData(-1e10, 4.2, 3.736697350364026e-42)]
    public void Student_t_cdf_matches_scipy(double t, double df, double expected)
    {
        AssertRelative(expected, Distributions.StudentTCdf(t, df), 1e-10);
    }

    [Fact]
    public void Student_t_cdf_handles_limits()
    {
        Assert.Equal(0.5, Distributions.StudentTCdf(0, 3.7));
        Assert.Equal(0.0, Distributions.StudentTCdf(double.NegativeInfinity, 5));
        Assert.Equal(1.0, Distributions.StudentTCdf(double.PositiveInfinity, 5));
        // ν = ∞ is the normal distribution.
        Assert.Equal(Distributions.NormalCdf(-1.7), Distributions.StudentTCdf(-1.7, double.PositiveInfinity));
        var tiny = Distributions.StudentTCdf(-1e300, 2);
        Assert.InRange(tiny, 0.0, 1e-250);
        Assert.True(double.IsNaN(Distributions.StudentTCdf(double.NaN, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.StudentTCdf(1, 0));
    }

    // Reference values: scipy.special.betainc(a, b, x) (SciPy 1.10.1). I_0.4(2, 3) = 0.5248 also follows by hand from
    // the binomial identity I_x(a, n−a+1) = P(Binomial(n, x) ≥ a): 6·0.4²·0.6² + 4·0.4³·0.6 + 0.4⁴; I_x(1, 1) = x.
    [Theory]
    [InlineData(2.0, 3.0, 0.4, 0.5248)]
    [InlineData(1.0, 1.0, 0.7, 0.7)]
    [InlineData(0.5, 0.5, 0.1, 0.2048327646991335)]
    [InlineData(10.0, 10.0, 0.5, 0.5)]
    [InlineData(5.0, 0.5, 0.9, 0.316642915020012)]
    [InlineData(0.1, 10.0, 0.01, 0.8244896709066979)]
    [InlineData(30.0, 2.0, 0.95, 0.5365969098573433)]
    [InlineData(100.0, 50.0, 0.7, 0.8054481662277535)]
    [InlineData(1e4, 2e4, 0.33, 0.11020551913303443)]
    public void Regularized_incomplete_beta_matches_scipy(double a, double b, double x, double expected)
    {
        AssertRelative(expected, Distributions.RegularizedIncompleteBeta(a, b, x), 1e-10);
    }

    [Fact]
    public void Regularized_incomplete_beta_stays_accurate_with_a_huge_parameter()
    {
        // Student's t at ν = 10⁶ near t = −2.2. Reference: mpmath.betainc(5e5, 0.5, 0, x, regularized=True) at 40 digits
        // (mpmath 1.2.1) = 0.025347172227059199; scipy.special.betainc gives 0.02534717223264387, itself 2e-10 off.
        // The continued fraction's rounding grows with a here (documented on the method), hence 1e-9.
        AssertRelative(0.025347172227059199, Distributions.RegularizedIncompleteBeta(5e5, 0.5, 0.999995), 1e-9);
    }

    [Fact]
    public void Regularized_incomplete_beta_has_its_end_points_and_refuses_bad_parameters()
    {
        Assert.Equal(0.0, Distributions.RegularizedIncompleteBeta(2.5, 1.5, 0));
        Assert.Equal(1.0, Distributions.RegularizedIncompleteBeta(2.5, 1.5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.RegularizedIncompleteBeta(0, 1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.RegularizedIncompleteBeta(1, -1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.RegularizedIncompleteBeta(1, 1, 1.5));
    }

    // Reference values: scipy.special.kolmogorov(λ) (SciPy 1.10.1), the survival function of the Kolmogorov
    // distribution. λ = 1.3580986393225507 is the textbook 5 % critical value (Q = 0.05); 1.17 and 1.18 sit on
    // either side of the switch between the two series.
    [Theory]
    [InlineData(0.2, 0.999999999999495)]
    [InlineData(0.27, 0.9999995849712886)]
    [InlineData(0.5, 0.9639452436648751)]
    [InlineData(0.8, 0.5441424115741981)]
    [InlineData(1.0, 0.26999967167735456)]
    [InlineData(1.17, 0.12939004218561884)]
    [InlineData(1.18, 0.1234538094297657)]
    [InlineData(1.3580986393225507, 0.05)]
    [InlineData(1.5, 0.022217962616525127)]
    [InlineData(2.0, 0.0006709252557796953)]
    [InlineData(3.0, 3.045995948942526e-08)]
    public void Kolmogorov_survival_matches_scipy(double lambda, double expected)
    {
        AssertRelative(expected, Distributions.KolmogorovSurvival(lambda), 1e-12);
    }

    [Fact]
    public void Kolmogorov_survival_is_one_near_zero_and_zero_at_infinity()
    {
        Assert.Equal(1.0, Distributions.KolmogorovSurvival(0));
        Assert.Equal(1.0, Distributions.KolmogorovSurvival(-1));
        Assert.Equal(1.0, Distributions.KolmogorovSurvival(1e-300));
        Assert.Equal(0.0, Distributions.KolmogorovSurvival(double.PositiveInfinity));
        Assert.InRange(Distributions.KolmogorovSurvival(30), 0.0, 1e-300);
    }

    private static void AssertRelative(double expected, double actual, double relative)
    {
        Assert.False(double.IsNaN(actual));
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
    }
}
