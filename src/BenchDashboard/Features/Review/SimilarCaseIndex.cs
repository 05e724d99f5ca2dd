namespace BenchDashboard.Features.Review;

/// <summary>A bench case as the similarity index sees it: <paramref name="Text"/> is its input.</summary>
public sealed record CaseDocument(int Id, string ExternalId, string Text, string? Category);

/// <summary>A bench case and its BM25 score against the query (greater is more similar; only comparable within one search).</summary>
public sealed record CaseMatch(CaseDocument Case, double Score);

/// <summary>
/// Ranks bench cases by their similarity to a production trace with Okapi BM25 (Robertson, Walker et al. 1994,
/// "Okapi at TREC-3"; Robertson and Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and Beyond"), so a
/// reviewer can answer "would the bench catch it?" with one click. For a query q and a case d of |d| terms, avgdl
/// the mean case length, N cases of which df(t) contain term t, and tf(t, d) the count of t in d:
/// <code>
/// idf(t)      = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))        (Lucene's idf: always positive)
/// score(q, d) = Σ over the distinct terms t of q of
///               idf(t) · tf(t, d) · (k1 + 1) / (tf(t, d) + k1 · (1 − b + b · |d| / avgdl))
/// </code>
/// A term repeated in the query counts once: traces repeat themselves (retries, quoted history), and a word said
/// five times should not outweigh five different words. Texts are split into terms by <see cref="TextTokens"/>, which
/// looks at the first <see cref="TextTokens.MaxChars"/> (20,000) characters of each case and of each query only.
/// <para>The constructor builds an inverted index (term → the cases holding it and how often), so a search touches only
/// the postings of the query's terms. The index is immutable: one instance can serve concurrent searches.</para>
/// </summary>
public sealed class SimilarCaseIndex
{
    private readonly CaseDocument[] cases;
    private readonly Dictionary<string, Postings> index = new(StringComparer.Ordinal);
    /// <summary>k1 · (1 − b + b · |d| / avgdl) per case: the part of the denominator that does not depend on the term.</summary>
    private readonly double[] lengthNorm;
    private readonly double k1;

    /// <summary>The cases holding a term, with how often, and the term's idf.</summary>
    private sealed record Postings(double Idf, int[] Cases, int[] Frequencies);

    /// <param name="cases">The bench cases; their order does not matter.</param>
    /// <param name="k1">Term-frequency saturation, ≥ 0 (0: only presence counts).</param>
    /// <param name="b">Length normalisation, in [0, 1] (0: none; 1: full).</param>
    public SimilarCaseIndex(IEnumerable<CaseDocument> cases, double k1 = 1.2, double b = 0.75)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (!double.IsFinite(k1) || k1 < 0) throw new ArgumentOutOfRangeException(nameof(k1), k1, "k1 must be finite and ≥ 0.");
        if (!(b >= 0 && b <= 1)) throw new ArgumentOutOfRangeException(nameof(b), b, "b must be in [0, 1].");
        this.k1 = k1;
        this.cases = cases.ToArray();
        var n = this.cases.Length;

        var lengths = new int[n];
        var building = new Dictionary<string, (List<int> Cases, List<int> Frequencies)>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        long total = 0;
        for (var d = 0; d < n; d++)
        {
            var c = this.cases[d] ?? throw new ArgumentException("A case is null.", nameof(cases));
            var terms = TextTokens.Tokenize(c.Text);
            lengths[d] = terms.Count;
            total += terms.Count;
            counts.Clear();
            foreach (var t in terms) counts[t] = counts.GetValueOrDefault(t) + 1;
            foreach (var (t, tf) in counts)
            {
                if (!building.TryGetValue(t, out var postings)) building[t] = postings = ([], []);
                postings.Cases.Add(d);
                postings.Frequencies.Add(tf);
            }
        }

        foreach (var (t, postings) in building)
        {
            var df = postings.Cases.Count;
            var idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
            index[t] = new Postings(idf, postings.Cases.ToArray(), postings.Frequencies.ToArray());
        }

        // With no terms anywhere no case is ever scored; avoid 0/0 all the same.
        var avgdl = n == 0 ? 0 : (double)total / n;
        lengthNorm = new double[n];
        for (var d = 0; d < n; d++)
            lengthNorm[d] = k1 * (1 - b + (avgdl > 0 ? b * lengths[d] / avgdl : 0));
    }

    /// <summary>How many cases the index holds (including those whose text has no terms).</summary>
    public int Count => cases.Length;

    /// <summary>The case with exactly this bench id, for a reviewer who knows it; null when there is none.</summary>
    public CaseDocument? FindByExternalId(string externalId) =>
        Array.Find(cases, c => string.Equals(c.ExternalId, externalId, StringComparison.Ordinal));

    /// <summary>
    /// The cases most similar to <paramref name="query"/>, best first (equal scores by <see cref="CaseDocument.ExternalId"/>,
    /// ordinal, then <see cref="CaseDocument.Id"/>, then input order), only those with Score &gt; 0 (sharing at least one term), at most
    /// <paramref name="top"/>. An empty query, one of only stop words, or one sharing no term gives an empty list.
    /// </summary>
    public IReadOnlyList<CaseMatch> Search(string query, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        if (top == 0 || cases.Length == 0) return [];

        double[]? scores = null;
        var touched = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Terms in order of first appearance, so that every case sums its contributions in the same order and equal
        // cases get bit-identical scores (then the tie-break decides, not rounding).
        foreach (var term in TextTokens.Tokenize(query))
        {
            if (!seen.Add(term) || !index.TryGetValue(term, out var postings)) continue;
            scores ??= new double[cases.Length];
            for (var i = 0; i < postings.Cases.Length; i++)
            {
                var d = postings.Cases[i];
                double tf = postings.Frequencies[i];
                // Every contribution is > 0 (idf > 0, tf ≥ 1), so a zero score means "not seen yet".
                if (scores[d] == 0) touched.Add(d);
                scores[d] += postings.Idf * tf * (k1 + 1) / (tf + lengthNorm[d]);
            }
        }
        if (scores is null) return [];

        var ranked = touched.Where(d => scores[d] > 0).ToArray();
        Array.Sort(ranked, (x, y) =>
        {
            var byScore = scores[y].CompareTo(scores[x]);
            if (byScore != 0) return byScore;
            var byExternalId = string.CompareOrdinal(cases[x].ExternalId, cases[y].ExternalId);
            if (byExternalId != 0) return byExternalId;
            var byId = cases[x].Id.CompareTo(cases[y].Id);
            return byId != 0 ? byId : x.CompareTo(y);
        });
        var take = Math.Min(top, ranked.Length);
        var result = new CaseMatch[take];
        for (var i = 0; i < take; i++) result[i] = new CaseMatch(cases[ranked[i]], scores[ranked[i]]);
        return result;
    }
}
