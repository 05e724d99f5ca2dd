namespace BenchDashboard.Statistics;

/// <summary>
/// Distances between two categorical distributions over the same bins (e.g. the share of production requests per
/// topic this month against the bench's share), used to say how far user traffic has moved from what the bench asks.
/// Inputs may be counts or proportions; each side is normalised to sum 1.
/// </summary>
public static class Divergence
{
    /// <summary>Population Stability Index Σ (a_i − e_i)·ln(a_i / e_i) (Siddiqi 2006, "Credit Risk Scorecards",
    /// ch. 8; Yurdakul 2018, "Statistical properties of the population stability index"), the symmetrised
    /// Kullback–Leibler divergence of the two sides. A bin empty on one side would make it infinite, so after
    /// normalising, empty bins get <paramref name="epsilon"/> and the side is normalised again. The usual reading:
    /// below 0.1 stable, 0.1–0.25 a moderate shift, above 0.25 a major one. A side with no mass gives NaN.</summary>
    public static double PopulationStabilityIndex(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double epsilon = 1e-4)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), "epsilon must be positive and finite.");
        var (e, a) = NormalisePair(expected, actual);
        if (e is null || a is null) return double.NaN;
        FillEmptyBins(e, epsilon);
        FillEmptyBins(a, epsilon);
        double psi = 0;
        for (var i = 0; i < e.Length; i++) psi += (a[i] - e[i]) * Math.Log(a[i] / e[i]);
        // Every term is ≥ 0 (a − e and ln(a/e) share their sign); the guard only removes a rounding −0.
        return Math.Max(0, psi);
    }

    /// <summary>Jensen–Shannon distance √JS(p, q) with JS(p, q) = ½·KL(p‖m) + ½·KL(q‖m), m = ½(p + q), in bits
    /// (Lin 1991, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37; the square root
    /// is a metric, Endres and Schindelin 2003). It lies in [0, 1]: 0 for equal distributions, 1 for disjoint
    /// supports; it stays finite with empty bins, so no smoothing is needed. As
    /// <c>scipy.spatial.distance.jensenshannon(p, q, base=2)</c>. A side with no mass gives NaN.</summary>
    public static double JensenShannonDistance(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var (pn, qn) = NormalisePair(p, q);
        if (pn is null || qn is null) return double.NaN;
        double sum = 0;
        for (var i = 0; i < pn.Length; i++)
        {
            var m = 0.5 * (pn[i] + qn[i]);
            // 0·ln(0/m) = 0 by continuity; m > 0 whenever either term is non-zero.
            if (pn[i] > 0) sum += pn[i] * Math.Log(pn[i] / m);
            if (qn[i] > 0) sum += qn[i] * Math.Log(qn[i] / m);
        }
        var divergence = 0.5 * sum / Math.Log(2);
        return Math.Sqrt(Math.Clamp(divergence, 0, 1));
    }

    /// <summary>Both sides checked (same length, finite, non-negative) and normalised; null for a side without mass.</summary>
    private static (double[]? First, double[]? Second) NormalisePair(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count) throw new ArgumentException("Both distributions must have the same bins.", nameof(second));
        return (Normalise(first, nameof(first)), Normalise(second, nameof(second)));
    }

    private static double[]? Normalise(IReadOnlyList<double> values, string name)
    {
        double total = 0;
        foreach (var v in values)
        {
            if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentOutOfRangeException(name, "Counts and proportions must be finite and non-negative.");
            total += v;
        }
        if (total <= 0) return null;
        var result = new double[values.Count];
        for (var i = 0; i < result.Length; i++) result[i] = values[i] / total;
        return result;
    }

    private static void FillEmptyBins(double[] proportions, double epsilon)
    {
        var filled = false;
        for (var i = 0; i < proportions.Length; i++)
        {
            if (proportions[i] > 0) continue;
            proportions[i] = epsilon;
            filled = true;
        }
        if (!filled) return;
        var total = proportions.Sum();
        for (var i = 0; i < proportions.Length; i++) proportions[i] /= total;
    }
}
