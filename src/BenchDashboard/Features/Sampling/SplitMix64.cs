namespace BenchDashboard.Features.Sampling;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators"; reference code by
/// Vigna, prng.di.unimi.it/splitmix64.c). Used instead of <see cref="Random"/> because a round's seed is stored and
/// its draw must be re-creatable years later: System.Random's algorithm is an implementation detail that .NET may
/// change between versions (.NET 6 already replaced the unseeded one), whereas this ten-line generator is fixed by
/// its published reference outputs, which the tests check.
/// </summary>
internal sealed class SplitMix64(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    public ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>). Draws below 2⁶⁴ mod bound are rejected so every value is
    /// equally likely (plain modulo would favour small values).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var n = (ulong)bound;
        var threshold = unchecked(0UL - n) % n;
        while (true)
        {
            var r = Next();
            if (r >= threshold) return (int)(r % n);
        }
    }

    /// <summary>Uniform in (0, 1] with 53 random bits; never 0, so its logarithm is finite.</summary>
    public double NextDouble() => ((Next() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Fisher–Yates from the last item down, in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
