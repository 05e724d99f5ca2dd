using BenchDashboard.Statistics;

namespace BenchDashboard.Tests.Statistics;

public class CohensKappaTests
{
    /// <summary>Expands a contingency table (rows = first rater, columns = second rater) into rating pairs.</summary>
    private static List<(string First, string Second)> Pairs(string[] labels, int[,] counts)
    {
        var pairs = new List<(string, string)>();
        for (var i = 0; i < labels.Length; i++)
            for (var j = 0; j < labels.Length; j++)
                for (var k = 0; k < counts[i, j]; k++) pairs.Add((labels[i], labels[j]));
        return pairs;
    }

    [Fact]
    public void Matches_the_wikipedia_worked_example()
    {
        // Wikipedia, "Cohen's kappa", section "Simple example": 50 grant proposals, reader A (rows) and B (columns):
        // both yes 20, A yes / B no 5, A no / B yes 10, both no 15. pₒ = 35/50 = 0.7;
        // pₑ = (25/50)(30/50) + (25/50)(20/50) = 0.3 + 0.2 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
        var result = CohensKappa.Compute(Pairs(["yes", "no"], new[,] { { 20, 5 }, { 10, 15 } }));
        Assert.Equal(50, result.N);
        Assert.Equal(0.7, result.ObservedAgreement, 1e-12);
        Assert.Equal(0.5, result.ExpectedAgreement, 1e-12);
        Assert.Equal(0.4, result.Kappa, 1e-12);
    }

    [Fact]
    public void Matches_the_sklearn_documentation_example_with_three_labels()
    {
        // scikit-learn, sklearn.metrics.cohen_kappa_score docstring "Examples": the two label lists below give 0.6875.
        // By hand: 4 of 5 agree, pₒ = 0.8; first rater negative 2, positive 2, neutral 1; second rater negative 3,
        // positive 1, neutral 1; pₑ = (2·3 + 2·1 + 1·1)/25 = 9/25 = 0.36; κ = (0.8 − 0.36)/(1 − 0.36) = 0.44/0.64 = 0.6875.
        string[] y1 = ["negative", "positive", "negative", "neutral", "positive"];
        string[] y2 = ["negative", "positive", "negative", "neutral", "negative"];
        var result = CohensKappa.Compute(y1.Zip(y2));
        Assert.Equal(5, result.N);
        Assert.Equal(0.8, result.ObservedAgreement, 1e-12);
        Assert.Equal(0.36, result.ExpectedAgreement, 1e-12);
        Assert.Equal(0.6875, result.Kappa, 1e-12);
    }

    [Fact]
    public void Matches_cohen_1960_table_1()
    {
        // Cohen (1960), "A coefficient of agreement for nominal scales", Table 1 (three diagnostic categories, as
        // proportions): pₒ = .25 + .02 + .02 = .29, p_c = .20 + .09 + .06 = .35, so κ = (.29 − .35)/(1 − .35) = −.06/.65
        // = −0.0923: less agreement than chance. κ depends only on the diagonal and the margins; per 100 items the
        // margins 50/30/20 (rows) and 40/30/30 (columns) give exactly those chance terms (.5·.4, .3·.3, .2·.3), and the
        // off-diagonal cells below are filled to add up to them.
        var result = CohensKappa.Compute(Pairs(["a", "b", "c"], new[,] { { 25, 13, 12 }, { 12, 2, 16 }, { 3, 15, 2 } }));
        Assert.Equal(100, result.N);
        Assert.Equal(0.29, result.ObservedAgreement, 1e-12);
        Assert.Equal(0.35, result.ExpectedAgreement, 1e-12);
        Assert.Equal(-0.06 / 0.65, result.Kappa, 1e-12);
    }

    [Fact]
    public void Perfect_agreement_is_one()
    {
        var result = CohensKappa.Compute(new[] { (1, 1), (2, 2), (3, 3), (2, 2), (1, 1) });
        Assert.Equal(1.0, result.Kappa);
        Assert.Equal(1.0, result.ObservedAgreement);
        Assert.Equal(5, result.N);
    }

    [Fact]
    public void Systematic_disagreement_is_negative()
    {
        // Every item flipped, with balanced labels: pₒ = 0, pₑ = 0.5·0.5 + 0.5·0.5 = 0.5, κ = −0.5/0.5 = −1.
        var flipped = Enumerable.Repeat((true, false), 6).Concat(Enumerable.Repeat((false, true), 6));
        Assert.Equal(-1.0, CohensKappa.Compute(flipped).Kappa, 1e-12);

        // Mostly opposite with some agreement still comes out below zero: pₒ = 2/10, pₑ = 0.5 → κ = −0.3/0.5 = −0.6.
        var mostly = Enumerable.Repeat(("good", "bad"), 4).Concat(Enumerable.Repeat(("bad", "good"), 4))
            .Append(("good", "good")).Append(("bad", "bad"));
        var result = CohensKappa.Compute(mostly);
        Assert.Equal(-0.6, result.Kappa, 1e-12);
        Assert.Equal(10, result.N);
    }

    [Fact]
    public void Is_symmetric_in_the_two_raters()
    {
        var pairs = Pairs(["x", "y", "z"], new[,] { { 7, 2, 1 }, { 3, 9, 0 }, { 0, 4, 6 } });
        var swapped = pairs.Select(p => (p.Second, p.First));
        Assert.Equal(CohensKappa.Compute(pairs).Kappa, CohensKappa.Compute(swapped).Kappa, 1e-15);
    }

    [Fact]
    public void Is_undefined_without_pairs()
    {
        var result = CohensKappa.Compute(Array.Empty<(string, string)>());
        Assert.Equal(0, result.N);
        Assert.True(double.IsNaN(result.Kappa));
        Assert.True(double.IsNaN(result.ObservedAgreement));
        Assert.True(double.IsNaN(result.ExpectedAgreement));
    }

    [Fact]
    public void Is_undefined_when_both_raters_use_one_single_label()
    {
        // pₑ = 1: agreement is total but fully explained by chance, κ = 0/0.
        var result = CohensKappa.Compute(Enumerable.Repeat(("good", "good"), 8));
        Assert.True(double.IsNaN(result.Kappa));
        Assert.Equal(8, result.N);
        Assert.Equal(1.0, result.ObservedAgreement);
        Assert.Equal(1.0, result.ExpectedAgreement);
    }

    [Fact]
    public void One_rater_using_a_single_label_gives_zero_not_nan()
    {
        // pₑ = p₁(good)·1 = pₒ whenever the second rater always says "good": κ = 0 exactly, defined.
        var result = CohensKappa.Compute(new[] { ("good", "good"), ("bad", "good"), ("good", "good"), ("bad", "good") });
        Assert.Equal(0.0, result.Kappa, 1e-15);
        Assert.Equal(0.5, result.ObservedAgreement, 1e-15);
    }
}
