namespace BenchDashboard.Statistics;

/// <summary>
/// A sample of whole numbers (input lengths, say) known only as counts per bin [From, To), compared with a sample known
/// exactly. Within a bin the values are taken as spread evenly over its whole numbers, so a bin one wide is exact and a
/// wider bin can be off by at most its own width: the CDF agrees with the true one at every bin end, and between two
/// ends differs by at most that bin's share. This makes the bounds provable: Kolmogorov–Smirnov D is off by at most the
/// largest bin share, the Wasserstein distance by at most Σ share × (width − 1), the median by at most the width of the
/// bin that holds it.
/// </summary>
public sealed class IntegerHistogram
{
    private readonly long[] _from, _to, _count;
    /// <summary>Values in bins 0 … i, inclusive.</summary>
    private readonly long[] _upTo;

    /// <summary>Bins in any order; they must not overlap. Empty bins are dropped.</summary>
    public IntegerHistogram(IEnumerable<(long From, long To, long Count)> bins)
    {
        var sorted = bins.Where(b => b.Count > 0).OrderBy(b => b.From).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].To <= sorted[i].From) throw new ArgumentException($"Bin [{sorted[i].From}, {sorted[i].To}) is empty.", nameof(bins));
            if (sorted[i].Count < 0) throw new ArgumentException("A bin count is negative.", nameof(bins));
            if (i > 0 && sorted[i].From < sorted[i - 1].To) throw new ArgumentException("Bins overlap.", nameof(bins));
        }
        _from = sorted.Select(b => b.From).ToArray();
        _to = sorted.Select(b => b.To).ToArray();
        _count = sorted.Select(b => b.Count).ToArray();
        _upTo = new long[sorted.Length];
        long total = 0;
        for (var i = 0; i < sorted.Length; i++) _upTo[i] = total += _count[i];
        Count = total;
    }

    /// <summary>How many values the bins hold.</summary>
    public long Count { get; }

    /// <summary>The share of values ≤ <paramref name="x"/>.</summary>
    public double ShareAtMost(long x) => Count == 0 ? double.NaN : AtMost(x) / Count;

    /// <summary>
    /// The median: the middle value (or the mean of the two middle values) with each bin's values spread evenly over its
    /// whole numbers. NaN when empty.
    /// </summary>
    public double Median => Count == 0 ? double.NaN : (ValueAtRank((Count + 1) / 2) + ValueAtRank(Count / 2 + 1)) / 2;

    /// <summary>
    /// Two-sample Kolmogorov–Smirnov test against an exactly known sample of whole numbers: D = the largest gap between
    /// the two CDFs, checked just at and just below every value of <paramref name="exact"/> (where the gap can be
    /// largest, as both CDFs only rise); the p-value as <see cref="KolmogorovSmirnov"/> gives it for samples this large.
    /// </summary>
    public KsResult KolmogorovSmirnov(IReadOnlyList<int> exact)
    {
        if (Count == 0 || exact.Count == 0) return new KsResult(0, 1);
        var sorted = exact.Order().ToArray();
        double m = sorted.Length, largest = 0;
        for (var j = 0; j < sorted.Length;)
        {
            var value = sorted[j];
            var below = j / m;
            while (j < sorted.Length && sorted[j] == value) j++;
            largest = Math.Max(largest, Math.Max(Math.Abs(AtMost(value - 1) / Count - below), Math.Abs(AtMost(value) / Count - j / m)));
        }
        return Statistics.KolmogorovSmirnov.FromD(largest, Count, sorted.Length);
    }

    /// <summary>
    /// Wasserstein-1 distance to an exactly known sample of whole numbers: Σ over whole numbers x of |F(x) − G(x)|, the
    /// area between the CDFs (both are steps at whole numbers), summed in closed form between the points where either
    /// CDF changes its formula. NaN when either side is empty.
    /// </summary>
    public double Wasserstein(IReadOnlyList<int> exact)
    {
        if (Count == 0 || exact.Count == 0) return double.NaN;
        var sorted = exact.Order().ToArray();
        var breaks = new SortedSet<long>();
        for (var i = 0; i < _from.Length; i++)
        {
            breaks.Add(_from[i]);
            breaks.Add(_to[i]);
        }
        foreach (var value in sorted) breaks.Add(value);
        double total = 0, m = sorted.Length;
        long previous = long.MinValue;
        var j = 0;
        foreach (var point in breaks)
        {
            if (previous != long.MinValue)
            {
                // On [previous, point) the exact CDF is flat and this one a straight line (inside a bin) or flat (between bins).
                while (j < sorted.Length && sorted[j] <= previous) j++;
                var gap = AtMost(previous) / Count - j / m;
                var bin = BinHolding(previous);
                var slope = bin >= 0 && point <= _to[bin] ? (double)_count[bin] / (_to[bin] - _from[bin]) / Count : 0;
                total += SumOfAbsolute(gap, slope, point - previous);
            }
            previous = point;
        }
        return total;
    }

    /// <summary>How many values are ≤ <paramref name="x"/>, a bin's values spread evenly over its whole numbers.</summary>
    private double AtMost(long x)
    {
        var i = LastStartingAtOrBefore(x);
        if (i < 0) return 0;
        var before = i == 0 ? 0 : _upTo[i - 1];
        return x >= _to[i] ? _upTo[i] : before + (double)_count[i] * (x - _from[i] + 1) / (_to[i] - _from[i]);
    }

    /// <summary>The bin whose range holds <paramref name="x"/>, or −1.</summary>
    private int BinHolding(long x)
    {
        var i = LastStartingAtOrBefore(x);
        return i >= 0 && x < _to[i] ? i : -1;
    }

    private int LastStartingAtOrBefore(long x)
    {
        var found = Array.BinarySearch(_from, x);
        return found >= 0 ? found : ~found - 1;
    }

    /// <summary>The value of rank <paramref name="rank"/> (1 = smallest): a bin's c values sit at the centres of c equal
    /// slices of [From, To − 1], so a bin one wide gives its value exactly.</summary>
    private double ValueAtRank(long rank)
    {
        var i = Array.FindIndex(_upTo, upTo => upTo >= rank);
        var before = i == 0 ? 0 : _upTo[i - 1];
        return _from[i] + (_to[i] - 1 - _from[i]) * (rank - before - 0.5) / _count[i];
    }

    /// <summary>Σ_{k=0}^{n−1} |a + b·k|, split where the line crosses zero.</summary>
    private static double SumOfAbsolute(double a, double b, long n)
    {
        static double Sum(double a, double b, long from, long to) => // Σ_{k=from}^{to−1} (a + b·k)
            (to - from) * a + b * ((double)to * (to - 1) - (double)from * (from - 1)) / 2;
        var last = a + b * (n - 1);
        if (a >= 0 && last >= 0 || a <= 0 && last <= 0) return Math.Abs(Sum(a, b, 0, n));
        // The sign changes once: the first k on the other side of zero.
        var crossing = Math.Clamp((long)Math.Ceiling(-a / b), 0, n);
        return Math.Abs(Sum(a, b, 0, crossing)) + Math.Abs(Sum(a, b, crossing, n));
    }
}
