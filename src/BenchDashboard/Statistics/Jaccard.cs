namespace BenchDashboard.Statistics;

/// <summary>
/// Jaccard similarity |A∩B| / |A∪B| of two sets (Jaccard 1901; Jaccard 1912, "The distribution of the flora in
/// the alpine zone", New Phytologist 11), e.g. of the topics the bench covers and the topics users ask about.
/// </summary>
public static class Jaccard
{
    /// <summary>In [0, 1]; two empty sets are taken as identical (1). Membership is decided by each set's own
    /// comparer, so both sets should compare elements the same way.</summary>
    public static double Similarity<T>(IReadOnlySet<T> a, IReadOnlySet<T> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 && b.Count == 0) return 1;
        // Walk the smaller set and probe the larger one: O(min(|A|, |B|)) look-ups.
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = small.Count(large.Contains);
        return (double)common / (a.Count + b.Count - common);
    }
}
