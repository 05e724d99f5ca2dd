using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class JaccardTests
{
    [Fact]
    public void Counts_the_intersection_over_the_union()
    {
        // {a, b, c, d} and {c, d, e}: intersection {c, d}, union {a, b, c, d, e}, so 2/5.
        var result = Jaccard.Similarity(new HashSet<string> { "a", "b", "c", "d" }, new HashSet<string> { "c", "d", "e" });
        Assert.Equal(0.4, result, 1e-15);
        Assert.Equal(result, Jaccard.Similarity(new HashSet<string> { "c", "d", "e" }, new HashSet<string> { "a", "b", "c", "d" }));
    }

    [Fact]
    public void Edge_cases()
    {
        Assert.Equal(1.0, Jaccard.Similarity(new HashSet<int>(), new HashSet<int>()));
        Assert.Equal(0.0, Jaccard.Similarity(new HashSet<int>(), new HashSet<int> { 1 }));
        Assert.Equal(0.0, Jaccard.Similarity(new HashSet<int> { 1, 2 }, new HashSet<int> { 3 }));
        Assert.Equal(1.0, Jaccard.Similarity(new HashSet<int> { 1, 2 }, new HashSet<int> { 2, 1 }));
        Assert.Equal(0.5, Jaccard.Similarity(new HashSet<int> { 1 }, new HashSet<int> { 1, 2 }));
    }
}
