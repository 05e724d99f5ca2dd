using BenchDashboard.Domain;
using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

/// <summary>
/// Input drift computes its statistics from stored length histograms (<see cref="InputLengthBins"/>) against the exact
/// bench lengths. These tests compare them with the exact statistics over the raw lengths.
/// </summary>
public class IntegerHistogramTests(ITestOutputHelper output)
{
    private static IntegerHistogram Binned(IEnumerable<int> lengths) =>
        new(lengths.GroupBy(InputLengthBins.StartOf).Select(g => ((long)g.Key, InputLengthBins.Next(g.Key), (long)g.Count())));

    /// <summary>Chat-like input lengths: log-normal around e^5 ≈ 150 characters, times <paramref name="scale"/>.</summary>
    private static List<int> Lengths(Random rng, int n, double scale) =>
        Enumerable.Range(0, n).Select(_ =>
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            return (int)Math.Round(Math.Exp(5.0 + 0.6 * gaussian) * scale);
        }).ToList();

    private static double ExactMedian(List<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
    }

    private static List<double> AsDoubles(IEnumerable<int> values) => values.Select(v => (double)v).ToList();

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.0)]
    [InlineData(3, 1.3)]
    [InlineData(4, 2.0)]
    [InlineData(5, 0.6)]
    public void Binned_statistics_agree_with_the_exact_ones_within_the_bin_resolution(int seed, double productionScale)
    {
        var rng = new Random(seed);
        var production = Lengths(rng, 20_000, productionScale);
        var bench = Lengths(rng, 300, 1.0);
        var binned = Binned(production);

        var exactKs = KolmogorovSmirnov.TwoSample(AsDoubles(production), AsDoubles(bench));
        var binnedKs = binned.KolmogorovSmirnov(bench);
        var exactW = Wasserstein.Distance(AsDoubles(production), AsDoubles(bench));
        var binnedW = binned.Wasserstein(bench);
        var exactMedian = ExactMedian(production);
        output.WriteLine($"D {exactKs.D:0.0000} vs {binnedKs.D:0.0000}; W {exactW:0.00} vs {binnedW:0.00}; median {exactMedian} vs {binned.Median:0.00}");

        // The bounds the layout guarantees: D within the largest bin share, W within Σ share × (width − 1), the median
        // within the width of its bin.
        var bins = production.GroupBy(InputLengthBins.StartOf).Select(g => (Share: g.Count() / (double)production.Count, Width: InputLengthBins.Next(g.Key) - g.Key)).ToList();
        Assert.InRange(Math.Abs(binnedKs.D - exactKs.D), 0, bins.Max(b => b.Share));
        Assert.InRange(Math.Abs(binnedW - exactW), 0, bins.Sum(b => b.Share * (b.Width - 1)));
        var medianBin = InputLengthBins.StartOf((int)Math.Floor(exactMedian));
        Assert.InRange(Math.Abs(binned.Median - exactMedian), 0, InputLengthBins.Next(medianBin) - medianBin);
        // What that means for the rule, which alerts at D 0.2 and 0.35: the gap is far below the thresholds' spacing.
        Assert.InRange(Math.Abs(binnedKs.D - exactKs.D), 0, 0.01);
        Assert.InRange(Math.Abs(binned.Median - exactMedian) / exactMedian, 0, 1.0 / 32);
        Assert.Equal(KolmogorovSmirnov.FromD(binnedKs.D, production.Count, bench.Count).PValue, binnedKs.PValue);
    }

    [Fact]
    public void Short_lengths_have_bins_one_character_wide_so_the_statistics_are_exact()
    {
        var rng = new Random(7);
        var production = Enumerable.Range(0, 5_000).Select(_ => rng.Next(0, 33)).ToList();
        var bench = Enumerable.Range(0, 80).Select(_ => rng.Next(5, 30)).ToList();
        var binned = Binned(production);

        Assert.Equal(KolmogorovSmirnov.TwoSample(AsDoubles(production), AsDoubles(bench)).D, binned.KolmogorovSmirnov(bench).D, 12);
        Assert.Equal(Wasserstein.Distance(AsDoubles(production), AsDoubles(bench)), binned.Wasserstein(bench), 9);
        Assert.Equal(ExactMedian(production), binned.Median, 12);
        Assert.Equal(ExactMedian([3, 4, 4, 9]), Binned([3, 4, 4, 9]).Median, 12);
    }

    [Fact]
    public void The_same_lengths_are_zero_apart_and_a_doubling_is_seen_as_such()
    {
        var rng = new Random(11);
        var bench = Lengths(rng, 400, 1.0);
        var same = Binned(bench);
        Assert.InRange(same.KolmogorovSmirnov(bench).D, 0, 0.03);

        var doubled = Binned(bench.Select(l => 2 * l));
        var exact = Wasserstein.Distance(AsDoubles(bench.Select(l => 2 * l)), AsDoubles(bench));
        Assert.Equal(exact, doubled.Wasserstein(bench), exact * 0.02);
        Assert.Equal(2 * ExactMedian(bench), doubled.Median, 2 * ExactMedian(bench) / 32);
    }

    [Fact]
    public void Empty_sides_compare_as_nothing()
    {
        var empty = new IntegerHistogram([]);
        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.Median));
        Assert.Equal(new KsResult(0, 1), empty.KolmogorovSmirnov([4]));
        Assert.True(double.IsNaN(Binned([4]).Wasserstein([])));
        Assert.Throws<ArgumentException>(() => new IntegerHistogram([(0, 10, 1), (5, 12, 1)]));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(31, 31)]
    [InlineData(32, 32)]
    [InlineData(33, 33)]
    [InlineData(64, 64)]
    [InlineData(65, 64)]
    [InlineData(66, 66)]
    [InlineData(65_536, 64_683)]
    public void Lengths_fall_in_bins_one_character_wide_up_to_32_then_a_32nd_of_their_start(int length, int start)
    {
        Assert.Equal(start, InputLengthBins.StartOf(length));
        Assert.InRange(length, start, InputLengthBins.Next(start) - 1);
        Assert.InRange(InputLengthBins.Next(start) - start, 1, Math.Max(1, start / 32));
    }
}
