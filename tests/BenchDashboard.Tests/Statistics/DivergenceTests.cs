using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class DivergenceTests
{
    [Fact]
    public void Psi_matches_a_worked_example()
    {
        // By hand, expected e = (0.25, 0.25, 0.25, 0.25), actual a = (0.1, 0.2, 0.3, 0.4), Σ (a − e)·ln(a/e):
        //   (−0.15)·ln 0.4 = 0.137443610, (−0.05)·ln 0.8 = 0.011157178,
        //   ( 0.05)·ln 1.2 = 0.009116078, ( 0.15)·ln 1.6 = 0.070500544;  sum 0.228217410 (0.22821740957339182).
        Assert.Equal(0.22821740957339182, Divergence.PopulationStabilityIndex([0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4]), 1e-12);
    }

    [Fact]
    public void Psi_normalises_counts()
    {
        // Counts e = (120, 300, 380, 200), a = (90, 250, 400, 260) of 1000 each; by hand:
        //   (−0.03)·ln(0.09/0.12) = 0.008630462, (−0.05)·ln(0.25/0.30) = 0.009116078,
        //   ( 0.02)·ln(0.40/0.38) = 0.001025866, ( 0.06)·ln(0.26/0.20) = 0.015741856;  sum 0.034514262.
        Assert.Equal(0.03451426176905163, Divergence.PopulationStabilityIndex([120, 300, 380, 200], [90, 250, 400, 260]), 1e-12);
        Assert.Equal(0.03451426176905163, Divergence.PopulationStabilityIndex([0.12, 0.30, 0.38, 0.20], [9, 25, 40, 26]), 1e-12);
    }

    [Fact]
    public void Psi_fills_empty_bins_with_epsilon_and_stays_finite()
    {
        // Expected (0.5, 0.5, 0) → (0.5, 0.5, 1e-4) / 1.0001 = (0.49995000, 0.49995000, 0.00009999); actual (0.5, 0.25, 0.25):
        //   (0.5 − 0.49995)·ln(0.5/0.49995) = 0.000000005, (0.25 − 0.49995)·ln(0.25/0.49995) = 0.173227147,
        //   (0.25 − 0.00009999)·ln(0.25/0.00009999) = 1.955254165;  sum 2.128481318.
        Assert.Equal(2.128481317591972, Divergence.PopulationStabilityIndex([0.5, 0.5, 0], [0.5, 0.25, 0.25]), 1e-10);
        var larger = Divergence.PopulationStabilityIndex([0.5, 0.5, 0], [0.5, 0.25, 0.25], epsilon: 1e-2);
        Assert.True(double.IsFinite(larger) && larger < 2.128481317591972);
    }

    [Fact]
    public void Psi_of_identical_distributions_is_zero()
    {
        Assert.Equal(0.0, Divergence.PopulationStabilityIndex([3, 0, 5, 2], [3, 0, 5, 2]));
        Assert.Equal(0.0, Divergence.PopulationStabilityIndex([0.3, 0.0, 0.5, 0.2], [30, 0, 50, 20]), 1e-15);
    }

    [Fact]
    public void Psi_refuses_bad_input_and_gives_nan_without_mass()
    {
        Assert.True(double.IsNaN(Divergence.PopulationStabilityIndex([0, 0], [1, 2])));
        Assert.True(double.IsNaN(Divergence.PopulationStabilityIndex([], [])));
        Assert.Throws<ArgumentException>(() => Divergence.PopulationStabilityIndex([1, 2], [1, 2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Divergence.PopulationStabilityIndex([1, -2], [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Divergence.PopulationStabilityIndex([1, double.NaN], [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Divergence.PopulationStabilityIndex([1, 2], [1, 2], epsilon: 0));
    }

    // Reference values: scipy.spatial.distance.jensenshannon(p, q, base=2) (SciPy 1.10.1), which also normalises its inputs.
    [Theory]
    [InlineData(new[] { 0.1, 0.4, 0.5 }, new[] { 0.8, 0.15, 0.05 }, 0.6482287947757129)]
    [InlineData(new[] { 10.0, 20, 30, 40 }, new[] { 40.0, 30, 20, 10 }, 0.3918681606471551)]
    [InlineData(new[] { 5.0, 3, 0, 2 }, new[] { 4.0, 4, 1, 1 }, 0.2672855221530689)]
    [InlineData(new[] { 0.25, 0.25, 0.5 }, new[] { 1.0, 1, 2 }, 0.0)]
    public void Jensen_shannon_distance_matches_scipy(double[] p, double[] q, double expected)
    {
        Assert.Equal(expected, Divergence.JensenShannonDistance(p, q), 1e-12);
    }

    [Fact]
    public void Jensen_shannon_distance_is_symmetric_zero_for_equal_and_one_for_disjoint()
    {
        double[] p = [0.1, 0.4, 0.5], q = [0.8, 0.15, 0.05];
        Assert.Equal(Divergence.JensenShannonDistance(p, q), Divergence.JensenShannonDistance(q, p), 1e-15);
        Assert.Equal(0.0, Divergence.JensenShannonDistance([2, 0, 7], [2, 0, 7]));
        // scipy.spatial.distance.jensenshannon([1, 0, 0], [0, 1, 1], base=2) = 1.0
        Assert.Equal(1.0, Divergence.JensenShannonDistance([1, 0, 0], [0, 1, 1]), 1e-12);
        Assert.InRange(Divergence.JensenShannonDistance([1e-300, 1, 0], [0, 0, 1]), 0.0, 1.0);
    }

    [Fact]
    public void Jensen_shannon_distance_gives_nan_without_mass()
    {
        Assert.True(double.IsNaN(Divergence.JensenShannonDistance([0, 0], [1, 2])));
        Assert.Throws<ArgumentException>(() => Divergence.JensenShannonDistance([1], [1, 2]));
    }
}
