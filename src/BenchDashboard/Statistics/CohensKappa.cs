namespace BenchDashboard.Statistics;

/// <summary>Agreement of two raters on the same items: κ, the number of items, and the observed (pₒ) and
/// chance-expected (pₑ) agreement it is built from. κ is NaN when undefined (the UI shows a dash).</summary>
public readonly record struct KappaResult(double Kappa, int N, double ObservedAgreement, double ExpectedAgreement);

/// <summary>
/// Cohen's kappa for two raters and nominal labels (Cohen 1960, "A coefficient of agreement for nominal scales",
/// Educational and Psychological Measurement 20(1)): κ = (pₒ − pₑ)/(1 − pₑ), where pₒ is the share of items both
/// raters labelled alike and pₑ = Σₖ p₁ₖ·p₂ₖ the agreement expected if each rater labelled at random with their own
/// label frequencies. Used on the items two reviewers both labelled, so a lead can tell real agreement from luck.
/// </summary>
public static class CohensKappa
{
    /// <summary>κ of the (first rater, second rater) labels. Labels are compared with the type's default equality.
    /// Undefined, so Kappa = NaN, with no pairs (N = 0; both agreements NaN too) and when pₑ = 1, i.e. both raters
    /// gave every item the same single label: chance alone explains the agreement and 0/0 remains.</summary>
    public static KappaResult Compute<T>(IEnumerable<(T First, T Second)> pairs) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var first = new Dictionary<T, long>();
        var second = new Dictionary<T, long>();
        int n = 0, agreed = 0;
        foreach (var (a, b) in pairs)
        {
            n++;
            if (EqualityComparer<T>.Default.Equals(a, b)) agreed++;
            first[a] = first.GetValueOrDefault(a) + 1;
            second[b] = second.GetValueOrDefault(b) + 1;
        }
        if (n == 0) return new KappaResult(double.NaN, 0, double.NaN, double.NaN);

        // Work in counts: κ = (N·agreed − Σ n₁ₖn₂ₖ)/(N² − Σ n₁ₖn₂ₖ) is exact in integers (N² < 2⁶³ for any int N), so
        // pₑ = 1 is detected exactly rather than through a rounded float.
        long chance = first.Sum(kv => kv.Value * second.GetValueOrDefault(kv.Key));
        long nn = (long)n * n;
        var observed = (double)agreed / n;
        var expected = (double)chance / nn;
        var kappa = chance == nn ? double.NaN : (double)((long)n * agreed - chance) / (nn - chance);
        return new KappaResult(kappa, n, observed, expected);
    }
}
