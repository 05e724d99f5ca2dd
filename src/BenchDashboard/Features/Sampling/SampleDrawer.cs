using BenchDashboard.Domain;

namespace BenchDashboard.Features.Sampling;

/// <summary>A production trace that may be drawn. <see cref="Category"/> "" = none. <see cref="NegativeSignals"/> =
/// count of negative feedback on it (<see cref="Domain.NegativeFeedback"/>: thumbs-down, rewrite, retry, CSAT ≤ 2); 0 = healthy or no feedback.</summary>
public sealed record SamplingCandidate(long Id, string Category, int NegativeSignals);

/// <summary>What to draw: <see cref="Size"/> traces (1–500) with a strategy and a seed that makes the draw
/// reproducible. <see cref="MinPerCategory"/> applies to <see cref="SamplingStrategy.Stratified"/>,
/// <see cref="HealthyShare"/> to <see cref="SamplingStrategy.NegativeFeedback"/>.</summary>
public sealed record SamplingPlan(int Size, SamplingStrategy Strategy, int Seed, int MinPerCategory = 2, double HealthyShare = 0.3);

/// <summary>How many traces of a category were available and how many the draw took.</summary>
public sealed record CategoryShare(string Category, int Available, int Selected);

/// <summary>The drawn traces in the order reviewers see them, with the composition of the pool and of the sample.</summary>
public sealed record SampleDraw(
    IReadOnlyList<SamplingCandidate> Selected, IReadOnlyList<CategoryShare> Composition,
    int Available, int NegativeAvailable, int NegativeSelected);

/// <summary>
/// Draws the monthly sample of production traces that reviewers label. Pure and reproducible: the same plan over
/// the same set of candidates gives the same traces in the same order, so a round can be re-drawn and audited.
/// </summary>
public static class SampleDrawer
{
    public const int MaxSize = 500;

    public static SampleDraw Draw(IReadOnlyList<SamplingCandidate> candidates, SamplingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Size is < 1 or > MaxSize)
            throw new ArgumentOutOfRangeException(nameof(plan), plan.Size, $"Size must be between 1 and {MaxSize}.");
        if (plan.MinPerCategory < 0)
            throw new ArgumentOutOfRangeException(nameof(plan), plan.MinPerCategory, "MinPerCategory must not be negative.");
        if (plan.HealthyShare is not (>= 0 and <= 1)) // also rejects NaN
            throw new ArgumentOutOfRangeException(nameof(plan), plan.HealthyShare, "HealthyShare must be within [0, 1].");
        if (!Enum.IsDefined(plan.Strategy))
            throw new ArgumentOutOfRangeException(nameof(plan), plan.Strategy, "Unknown sampling strategy.");

        // Sorting by Id makes the draw a function of the candidate set, not of the order a query happened to return.
        var pool = candidates.OrderBy(c => c.Id).ToArray();
        for (var i = 0; i < pool.Length; i++)
        {
            if (pool[i].NegativeSignals < 0)
                throw new ArgumentException($"Candidate {pool[i].Id} has a negative NegativeSignals count.", nameof(candidates));
            if (i > 0 && pool[i].Id == pool[i - 1].Id)
                throw new ArgumentException($"Candidate {pool[i].Id} appears twice.", nameof(candidates));
        }

        var rng = new SplitMix64(plan.Seed);
        List<SamplingCandidate> selected = pool.Length <= plan.Size
            ? [.. pool]
            : plan.Strategy switch
            {
                SamplingStrategy.Stratified => Stratified(pool, plan, rng),
                SamplingStrategy.NegativeFeedback => NegativeFeedback(pool, plan, rng),
                _ => UniformSample(pool, plan.Size, rng),
            };
        // Reviewers work top to bottom: a shuffled order interleaves categories and healthy/negative traces, so
        // fatigue or a half-finished round does not skew what gets labelled.
        rng.Shuffle(selected);

        var selectedIds = selected.Select(c => c.Id).ToHashSet();
        var composition = Strata(pool)
            .Select(s => new CategoryShare(s.Category, s.Items.Length, s.Items.Count(c => selectedIds.Contains(c.Id))))
            .ToArray();
        return new SampleDraw(selected, composition, pool.Length,
            pool.Count(c => c.NegativeSignals > 0), selected.Count(c => c.NegativeSignals > 0));
    }

    /// <summary>Categories by size (largest first), then by name (ordinal), each with its candidates in Id order.
    /// The order is the tie-break everywhere a category must be favoured.</summary>
    private static (string Category, SamplingCandidate[] Items)[] Strata(SamplingCandidate[] pool) =>
        pool.GroupBy(c => c.Category, StringComparer.Ordinal)
            .Select(g => (g.Key, g.ToArray()))
            .OrderByDescending(s => s.Item2.Length)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToArray();

    private static List<SamplingCandidate> Stratified(SamplingCandidate[] pool, SamplingPlan plan, SplitMix64 rng)
    {
        var strata = Strata(pool);
        var allocation = Allocate(strata.Select(s => s.Items.Length).ToArray(), plan.Size, plan.MinPerCategory);
        var selected = new List<SamplingCandidate>(plan.Size);
        for (var i = 0; i < strata.Length; i++) selected.AddRange(UniformSample(strata[i].Items, allocation[i], rng));
        return selected;
    }

    /// <summary>Splits <paramref name="size"/> (less than the total available) over categories ordered largest first:
    /// proportional to availability with largest-remainder rounding, each category lifted to its floor
    /// min(<paramref name="minPerCategory"/>, available) so a small category still gets a few traces reviewed.</summary>
    private static int[] Allocate(int[] available, int size, int minPerCategory)
    {
        var floor = available.Select(a => Math.Min(a, minPerCategory)).ToArray();
        var allocation = new int[available.Length];
        if (floor.Sum() >= size)
        {
            // No room for every floor: the largest categories (ties by name) get theirs first.
            var left = size;
            for (var i = 0; i < floor.Length; i++) left -= allocation[i] = Math.Min(floor[i], left);
            return allocation;
        }

        // Share the budget proportionally among the categories not yet pinned to their floor; pin those that fall
        // below it and share again what is left among the rest, until no category is below its floor. At least one
        // category stays free (the budget covers the free floors, so they cannot all be short), and each share is at
        // most ⌈budget·available/free total⌉ ≤ available because the budget never exceeds the free categories' total
        // (pinning spends more than the pinned shares had), so no category is ever asked for more than it has.
        var pinned = new bool[available.Length];
        while (true)
        {
            var free = Enumerable.Range(0, available.Length).Where(i => !pinned[i]).ToArray();
            var budget = size - Enumerable.Range(0, available.Length).Where(i => pinned[i]).Sum(i => floor[i]);
            LargestRemainder(budget, free, available, allocation);
            var belowFloor = free.Where(i => allocation[i] < floor[i]).ToArray();
            if (belowFloor.Length == 0) return allocation;
            foreach (var i in belowFloor) (pinned[i], allocation[i]) = (true, floor[i]);
        }
    }

    /// <summary>Hamilton's method: floor(budget·w/W) each, then one more to the largest remainders. Integer
    /// arithmetic keeps it exact; remainder ties go to the earlier (larger) category.</summary>
    private static void LargestRemainder(int budget, int[] indices, int[] weights, int[] into)
    {
        long total = indices.Sum(i => (long)weights[i]);
        var remainders = new long[indices.Length];
        var given = 0;
        for (var k = 0; k < indices.Length; k++)
        {
            var quota = (long)budget * weights[indices[k]];
            into[indices[k]] = (int)(quota / total);
            remainders[k] = quota % total;
            given += into[indices[k]];
        }
        foreach (var k in Enumerable.Range(0, indices.Length).OrderByDescending(k => remainders[k]).Take(budget - given))
            into[indices[k]]++;
    }

    private static List<SamplingCandidate> NegativeFeedback(SamplingCandidate[] pool, SamplingPlan plan, SplitMix64 rng)
    {
        var healthy = pool.Where(c => c.NegativeSignals == 0).ToArray();
        var negative = pool.Where(c => c.NegativeSignals > 0).ToArray();

        // Healthy traffic keeps the round honest (the bench must also hold on what users did not complain about):
        // ⌈share·size⌉ slots, at least one from size 2 on. Unless the share is 1, one slot is always left to the
        // negative side, so a one-trace round shows a complaint rather than a healthy trace. The 1e-9 keeps float
        // noise (a product landing a hair above an integer) from adding a slot.
        var healthySlots = Math.Clamp((int)Math.Ceiling(plan.HealthyShare * plan.Size - 1e-9),
            plan.Size >= 2 ? 1 : 0, plan.HealthyShare < 1 ? plan.Size - 1 : plan.Size);
        var healthyTake = Math.Min(healthySlots, healthy.Length);
        var negativeTake = Math.Min(plan.Size - healthyTake, negative.Length);
        healthyTake = Math.Min(plan.Size - negativeTake, healthy.Length); // negatives ran short: fill with healthy

        // Healthy first, so with no negative feedback the draw is exactly the uniform one for the same seed.
        var selected = UniformSample(healthy, healthyTake, rng);
        selected.AddRange(WeightedSample(negative, negativeTake, rng));
        return selected;
    }

    /// <summary>Weighted sampling without replacement, weight = NegativeSignals (Efraimidis and Spirakis 2006,
    /// "Weighted random sampling with a reservoir", algorithm A-Res): keep the largest keys u^(1/w), compared as
    /// ln(u)/w, which orders the same and does not underflow to 0 for large weights.</summary>
    private static IEnumerable<SamplingCandidate> WeightedSample(SamplingCandidate[] items, int count, SplitMix64 rng)
    {
        var keys = items.Select(c => Math.Log(rng.NextDouble()) / c.NegativeSignals).ToArray();
        return Enumerable.Range(0, items.Length).OrderByDescending(i => keys[i]).Take(count).Select(i => items[i]);
    }

    /// <summary>Simple random sample without replacement: the first <paramref name="count"/> slots of a partial
    /// Fisher–Yates shuffle.</summary>
    private static List<SamplingCandidate> UniformSample(SamplingCandidate[] items, int count, SplitMix64 rng)
    {
        var copy = (SamplingCandidate[])items.Clone();
        for (var i = 0; i < count; i++)
        {
            var j = i + rng.NextInt(copy.Length - i);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy.Take(count).ToList();
    }
}
