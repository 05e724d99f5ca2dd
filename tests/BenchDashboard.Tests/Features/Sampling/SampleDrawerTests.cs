using BenchDashboard.Domain;
using BenchDashboard.Features.Sampling;

namespace BenchDashboard.Tests.Features.Sampling;

public class SampleDrawerTests
{
    /// <summary>Candidates with consecutive ids from <paramref name="firstId"/>.</summary>
    private static IEnumerable<SamplingCandidate> Make(int count, string category, int negativeSignals = 0, long firstId = 1) =>
        Enumerable.Range(0, count).Select(i => new SamplingCandidate(firstId + i, category, negativeSignals));

    /// <summary>700 "billing", 200 "shipping", 100 "returns", all healthy.</summary>
    private static List<SamplingCandidate> Pool702010() =>
        [.. Make(700, "billing"), .. Make(200, "shipping", firstId: 701), .. Make(100, "returns", firstId: 901)];

    private static int SelectedIn(SampleDraw draw, string category) =>
        draw.Composition.Single(s => s.Category == category).Selected;

    private static void AssertValidSample(IReadOnlyList<SamplingCandidate> pool, SampleDraw draw, int expectedCount)
    {
        Assert.Equal(expectedCount, draw.Selected.Count);
        Assert.Equal(draw.Selected.Count, draw.Selected.Select(c => c.Id).Distinct().Count());
        var ids = pool.Select(c => c.Id).ToHashSet();
        Assert.All(draw.Selected, c => Assert.Contains(c.Id, ids));
        Assert.Equal(draw.Selected.Count, draw.Composition.Sum(s => s.Selected));
        Assert.All(draw.Composition, s => Assert.InRange(s.Selected, 0, s.Available));
    }

    // ── Uniform ───────────────────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void Uniform_draws_the_size_without_duplicates()
    {
        var pool = Pool702010();
        var draw = SampleDrawer.Draw(pool, new SamplingPlan(100, SamplingStrategy.Uniform, Seed: 7));
        AssertValidSample(pool, draw, 100);
        Assert.Equal(1000, draw.Available);
    }

    [Fact]
    public void Uniform_gives_every_trace_the_same_chance()
    {
        // 20 traces, 5 drawn, 4000 seeds: each trace is expected 1000 times (sd ≈ 27); a bias toward low or high ids,
        // or a modulo bias, would push some count far outside ±150.
        var pool = Make(20, "").ToList();
        var hits = new int[21];
        for (var seed = 0; seed < 4000; seed++)
            foreach (var c in SampleDrawer.Draw(pool, new SamplingPlan(5, SamplingStrategy.Uniform, seed)).Selected)
                hits[c.Id]++;
        Assert.All(hits.Skip(1), h => Assert.InRange(h, 850, 1150));
    }

    // ── Stratified ────────────────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void Stratified_allocates_in_proportion_70_20_10()
    {
        var pool = Pool702010();
        var draw = SampleDrawer.Draw(pool, new SamplingPlan(50, SamplingStrategy.Stratified, Seed: 3));
        AssertValidSample(pool, draw, 50);
        Assert.Equal(35, SelectedIn(draw, "billing"));
        Assert.Equal(10, SelectedIn(draw, "shipping"));
        Assert.Equal(5, SelectedIn(draw, "returns"));
        // The proportions are met for every seed, not only by luck.
        for (var seed = 0; seed < 20; seed++)
        {
            var other = SampleDrawer.Draw(pool, new SamplingPlan(50, SamplingStrategy.Stratified, seed));
            Assert.Equal([35, 10, 5], other.Composition.Select(s => s.Selected));
        }
    }

    [Fact]
    public void Stratified_rounds_with_the_largest_remainders()
    {
        // Size 7 of 70/20/10: quotas 4.9, 1.4, 0.7 → floors 4, 1, 0 and two seats left, which go to the largest
        // remainders .9 and .7 (not .4) → 5, 1, 1. With a minimum of 2, "shipping" and "returns" are lifted to 2 and
        // the 3 seats left go to "billing" → 3, 2, 2.
        var pool = Pool702010();
        var draw = SampleDrawer.Draw(pool, new SamplingPlan(7, SamplingStrategy.Stratified, Seed: 1, MinPerCategory: 0));
        Assert.Equal([5, 1, 1], draw.Composition.Select(s => s.Selected));
        draw = SampleDrawer.Draw(pool, new SamplingPlan(7, SamplingStrategy.Stratified, Seed: 1, MinPerCategory: 2));
        Assert.Equal([3, 2, 2], draw.Composition.Select(s => s.Selected));
    }

    [Fact]
    public void Stratified_lifts_a_tiny_category_to_the_minimum()
    {
        // 900/95/5 for size 20: proportionally 18, 1.9, 0.1 → 18, 2, 0, so the tiny category would go unreviewed.
        // With a minimum of 2 it gets 2 and the other 18 are shared again: 18·900/995 = 16.28, 18·95/995 = 1.72 → 16, 2.
        List<SamplingCandidate> pool = [.. Make(900, "common"), .. Make(95, "rare", firstId: 901), .. Make(5, "tiny", firstId: 996)];
        var without = SampleDrawer.Draw(pool, new SamplingPlan(20, SamplingStrategy.Stratified, Seed: 5, MinPerCategory: 0));
        Assert.Equal([18, 2, 0], without.Composition.Select(s => s.Selected));
        var with = SampleDrawer.Draw(pool, new SamplingPlan(20, SamplingStrategy.Stratified, Seed: 5));
        AssertValidSample(pool, with, 20);
        Assert.Equal([16, 2, 2], with.Composition.Select(s => s.Selected));
    }

    [Fact]
    public void Stratified_takes_all_of_a_category_smaller_than_the_minimum()
    {
        List<SamplingCandidate> pool = [.. Make(500, "common"), .. Make(1, "single", firstId: 501)];
        var draw = SampleDrawer.Draw(pool, new SamplingPlan(10, SamplingStrategy.Stratified, Seed: 2, MinPerCategory: 3));
        Assert.Equal([9, 1], draw.Composition.Select(s => s.Selected));
    }

    [Fact]
    public void Stratified_favours_the_largest_categories_when_minimums_do_not_fit()
    {
        // Five categories × minimum 2 = 10 > size 5: the largest get theirs first (2, 2, then the 1 left), and between
        // the two equal categories of 30 the ordinal name order decides ("alpha" before "beta").
        List<SamplingCandidate> pool =
        [
            .. Make(60, "big"), .. Make(30, "beta", firstId: 101), .. Make(30, "alpha", firstId: 201),
            .. Make(10, "small", firstId: 301), .. Make(5, "tiny", firstId: 401),
        ];
        var draw = SampleDrawer.Draw(pool, new SamplingPlan(5, SamplingStrategy.Stratified, Seed: 4));
        AssertValidSample(pool, draw, 5);
        Assert.Equal(["big", "alpha", "beta", "small", "tiny"], draw.Composition.Select(s => s.Category));
        Assert.Equal([2, 2, 1, 0, 0], draw.Composition.Select(s => s.Selected));
    }

    [Fact]
    public void Stratified_always_fills_the_size_within_each_category_and_its_minimum()
    {
        // Many random shapes (category sizes from 1 to 300, up to 8 categories, sizes up to 500, minimums 0–5):
        // the sample is full, never asks a category for more than it has, and honours every minimum that fits.
        var shapes = new Random(20240501);
        for (var round = 0; round < 300; round++)
        {
            var pool = new List<SamplingCandidate>();
            var categories = shapes.Next(1, 9);
            for (var c = 0; c < categories; c++)
                pool.AddRange(Make(shapes.Next(1, 301), $"c{c}", firstId: pool.Count + 1));
            var size = shapes.Next(1, 501);
            var min = shapes.Next(0, 6);
            var draw = SampleDrawer.Draw(pool, new SamplingPlan(size, SamplingStrategy.Stratified, round, min));

            AssertValidSample(pool, draw, Math.Min(size, pool.Count));
            if (draw.Composition.Sum(s => Math.Min(min, s.Available)) <= size)
                Assert.All(draw.Composition, s => Assert.True(s.Selected >= Math.Min(min, s.Available),
                    $"round {round}: {s.Category} got {s.Selected} of {s.Available}, minimum {min}"));
        }
    }

    [Fact]
    public void Stratified_interleaves_categories_in_the_reviewer_order()
    {
        // Drawn category by category, the list would change category twice; shuffled, about
        // 50·(1 − .7² − .2² − .1²) ≈ 23 times.
        var draw = SampleDrawer.Draw(Pool702010(), new SamplingPlan(50, SamplingStrategy.Stratified, Seed: 11));
        var changes = draw.Selected.Zip(draw.Selected.Skip(1)).Count(p => p.First.Category != p.Second.Category);
        Assert.True(changes > 10, $"only {changes} category changes");
    }

    [Fact]
    public void Stratified_with_a_single_category_is_a_plain_sample()
    {
        var pool = Make(100, "").ToList();
        var draw = SampleDrawer.Draw(pool, new SamplingPlan(10, SamplingStrategy.Stratified, Seed: 8));
        AssertValidSample(pool, draw, 10);
        var share = Assert.Single(draw.Composition);
        Assert.Equal(new CategoryShare("", 100, 10), share);
    }

    // ── Negative feedback ─────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>800 healthy traces and 200 with negative feedback: 100 with one signal, 100 with five.</summary>
    private static List<SamplingCandidate> FeedbackPool() =>
        [.. Make(800, "chat"), .. Make(100, "chat", negativeSignals: 1, firstId: 801), .. Make(100, "chat", negativeSignals: 5, firstId: 901)];

    [Theory]
    [InlineData(50, 15)]  // ⌈0.3·50⌉ = 15
    [InlineData(10, 3)]   // ⌈0.3·10⌉ = 3, not 4 from float noise
    [InlineData(7, 3)]    // ⌈2.1⌉ = 3
    [InlineData(2, 1)]    // ⌈0.6⌉ = 1
    public void Negative_feedback_keeps_a_healthy_share(int size, int healthy)
    {
        var pool = FeedbackPool();
        var draw = SampleDrawer.Draw(pool, new SamplingPlan(size, SamplingStrategy.NegativeFeedback, Seed: 9));
        AssertValidSample(pool, draw, size);
        Assert.Equal(healthy, draw.Selected.Count(c => c.NegativeSignals == 0));
        Assert.Equal(size - healthy, draw.NegativeSelected);
        Assert.Equal(200, draw.NegativeAvailable);
    }

    [Fact]
    public void Negative_feedback_keeps_one_healthy_trace_even_with_a_zero_share()
    {
        var draw = SampleDrawer.Draw(FeedbackPool(), new SamplingPlan(20, SamplingStrategy.NegativeFeedback, Seed: 9, HealthyShare: 0));
        Assert.Equal(19, draw.NegativeSelected);
    }

    [Fact]
    public void Negative_feedback_prefers_traces_with_more_signals()
    {
        // 35 negative slots per draw from 100 traces of weight 1 and 100 of weight 5. Uniform picking would take half
        // from each; weighting 5:1 takes about 5/6 from the heavy group at first, somewhat less as it thins out.
        var pool = FeedbackPool();
        int heavy = 0, negative = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var draw = SampleDrawer.Draw(pool, new SamplingPlan(50, SamplingStrategy.NegativeFeedback, seed));
            heavy += draw.Selected.Count(c => c.NegativeSignals == 5);
            negative += draw.NegativeSelected;
        }
        Assert.Equal(200 * 35, negative);
        Assert.InRange((double)heavy / negative, 0.72, 0.88);
    }

    [Fact]
    public void Negative_feedback_fills_from_the_other_side_when_one_runs_short()
    {
        // 3 negatives for 14 negative slots: all 3, and the rest healthy.
        List<SamplingCandidate> fewNegative = [.. Make(100, "a"), .. Make(3, "a", negativeSignals: 2, firstId: 101)];
        var draw = SampleDrawer.Draw(fewNegative, new SamplingPlan(20, SamplingStrategy.NegativeFeedback, Seed: 1));
        AssertValidSample(fewNegative, draw, 20);
        Assert.Equal(3, draw.NegativeSelected);

        // 2 healthy traces for 6 healthy slots: both, and the rest negative.
        List<SamplingCandidate> fewHealthy = [.. Make(2, "a"), .. Make(100, "a", negativeSignals: 1, firstId: 3)];
        draw = SampleDrawer.Draw(fewHealthy, new SamplingPlan(20, SamplingStrategy.NegativeFeedback, Seed: 1));
        AssertValidSample(fewHealthy, draw, 20);
        Assert.Equal(18, draw.NegativeSelected);
    }

    [Fact]
    public void Negative_feedback_without_any_negative_signal_is_the_uniform_draw()
    {
        var pool = Pool702010();
        var negative = SampleDrawer.Draw(pool, new SamplingPlan(40, SamplingStrategy.NegativeFeedback, Seed: 21));
        var uniform = SampleDrawer.Draw(pool, new SamplingPlan(40, SamplingStrategy.Uniform, Seed: 21));
        Assert.Equal(uniform.Selected, negative.Selected);
        Assert.Equal(0, negative.NegativeAvailable);
        Assert.Equal(0, negative.NegativeSelected);
    }

    // ── Every strategy ────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>A mixed pool: three categories of different sizes, some traces with negative feedback.</summary>
    private static List<SamplingCandidate> MixedPool() =>
        Enumerable.Range(1, 2000)
            .Select(i => new SamplingCandidate(i * 3L, (i % 10) switch { < 6 => "a", < 9 => "b", _ => "c" }, i % 7 == 0 ? i % 4 + 1 : 0))
            .ToList();

    [Theory]
    [InlineData(SamplingStrategy.Uniform)]
    [InlineData(SamplingStrategy.Stratified)]
    [InlineData(SamplingStrategy.NegativeFeedback)]
    public void Same_seed_over_the_same_set_gives_the_same_sequence_whatever_the_input_order(SamplingStrategy strategy)
    {
        var pool = MixedPool();
        var shuffled = pool.OrderBy(c => (c.Id * 7919) % 2003).ToList();
        Assert.NotEqual(pool.Select(c => c.Id), shuffled.Select(c => c.Id));

        var plan = new SamplingPlan(60, strategy, Seed: 2024);
        var first = SampleDrawer.Draw(pool, plan);
        var again = SampleDrawer.Draw(shuffled, plan);
        Assert.Equal(first.Selected.Select(c => c.Id), again.Selected.Select(c => c.Id));
        Assert.Equal(first.Composition, again.Composition);
    }

    [Theory]
    [InlineData(SamplingStrategy.Uniform)]
    [InlineData(SamplingStrategy.Stratified)]
    [InlineData(SamplingStrategy.NegativeFeedback)]
    public void Different_seeds_give_different_samples(SamplingStrategy strategy)
    {
        var pool = MixedPool();
        var a = SampleDrawer.Draw(pool, new SamplingPlan(60, strategy, Seed: 1)).Selected.Select(c => c.Id).ToHashSet();
        var b = SampleDrawer.Draw(pool, new SamplingPlan(60, strategy, Seed: 2)).Selected.Select(c => c.Id).ToHashSet();
        // Two independent draws of 60 from 2000 share about 2 traces; the same sample twice would share 60.
        Assert.True(a.Intersect(b).Count() < 20, $"{a.Intersect(b).Count()} traces in common");
    }

    [Theory]
    [InlineData(SamplingStrategy.Uniform)]
    [InlineData(SamplingStrategy.Stratified)]
    [InlineData(SamplingStrategy.NegativeFeedback)]
    public void Fewer_traces_than_the_size_returns_all_of_them_once(SamplingStrategy strategy)
    {
        List<SamplingCandidate> pool = [.. Make(4, "a"), .. Make(3, "b", negativeSignals: 2, firstId: 10)];
        var draw = SampleDrawer.Draw(pool, new SamplingPlan(20, strategy, Seed: 3));
        AssertValidSample(pool, draw, 7);
        Assert.Equal(pool.Select(c => c.Id).Order(), draw.Selected.Select(c => c.Id).Order());
        Assert.Equal(3, draw.NegativeSelected);
    }

    [Theory]
    [InlineData(SamplingStrategy.Uniform)]
    [InlineData(SamplingStrategy.Stratified)]
    [InlineData(SamplingStrategy.NegativeFeedback)]
    public void Size_one_draws_one_trace(SamplingStrategy strategy)
    {
        var pool = MixedPool();
        var draw = SampleDrawer.Draw(pool, new SamplingPlan(1, strategy, Seed: 5));
        AssertValidSample(pool, draw, 1);
        // The one slot of a negative-feedback round shows a complaint, not healthy traffic.
        if (strategy == SamplingStrategy.NegativeFeedback) Assert.Equal(1, draw.NegativeSelected);
    }

    [Theory]
    [InlineData(SamplingStrategy.Uniform)]
    [InlineData(SamplingStrategy.Stratified)]
    [InlineData(SamplingStrategy.NegativeFeedback)]
    public void An_empty_pool_gives_an_empty_draw(SamplingStrategy strategy)
    {
        var draw = SampleDrawer.Draw([], new SamplingPlan(30, strategy, Seed: 5));
        Assert.Empty(draw.Selected);
        Assert.Empty(draw.Composition);
        Assert.Equal((0, 0, 0), (draw.Available, draw.NegativeAvailable, draw.NegativeSelected));
    }

    [Fact]
    public void Composition_lists_categories_by_availability_then_name()
    {
        List<SamplingCandidate> pool =
            [.. Make(5, "zeta"), .. Make(9, "", firstId: 10), .. Make(5, "Alpha", firstId: 20), .. Make(5, "alpha", firstId: 30)];
        var draw = SampleDrawer.Draw(pool, new SamplingPlan(4, SamplingStrategy.Uniform, Seed: 1));
        Assert.Equal(["", "Alpha", "alpha", "zeta"], draw.Composition.Select(s => s.Category));
        Assert.Equal([9, 5, 5, 5], draw.Composition.Select(s => s.Available));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    public void An_invalid_size_throws(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleDrawer.Draw(MixedPool(), new SamplingPlan(size, SamplingStrategy.Uniform, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleDrawer.Draw([], new SamplingPlan(size, SamplingStrategy.Uniform, 1)));
    }

    [Fact]
    public void The_largest_size_is_accepted()
    {
        var pool = MixedPool();
        AssertValidSample(pool, SampleDrawer.Draw(pool, new SamplingPlan(500, SamplingStrategy.Stratified, 1)), 500);
    }

    [Fact]
    public void Bad_plans_and_duplicate_ids_are_refused()
    {
        var pool = MixedPool();
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleDrawer.Draw(pool, new SamplingPlan(10, SamplingStrategy.Stratified, 1, MinPerCategory: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleDrawer.Draw(pool, new SamplingPlan(10, SamplingStrategy.NegativeFeedback, 1, HealthyShare: 1.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleDrawer.Draw(pool, new SamplingPlan(10, SamplingStrategy.NegativeFeedback, 1, HealthyShare: double.NaN)));
        Assert.Throws<ArgumentException>(() => SampleDrawer.Draw([new(1, "a", 0), new(1, "b", 0)], new SamplingPlan(1, SamplingStrategy.Uniform, 1)));
    }

    // ── The generator ─────────────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void Generator_is_splitmix64_as_published()
    {
        // Reference outputs of splitmix64.c (Vigna) for seed 1234567, as listed on Rosetta Code,
        // "Pseudo-random numbers/Splitmix64"; seed 0 starts with 0xE220A8397B1DCDAF. If this fails, stored rounds
        // would no longer re-draw the same traces.
        var rng = new SplitMix64(1234567);
        Assert.Equal(
            [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Enumerable.Range(0, 5).Select(_ => rng.Next()));
        Assert.Equal(0xE220A8397B1DCDAFUL, new SplitMix64(0).Next());
    }
}
