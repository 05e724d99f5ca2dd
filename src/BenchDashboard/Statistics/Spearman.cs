namespace BenchDashboard.Statistics;

/// <summary>
/// Spearman's rank correlation coefficient ρ (Spearman 1904), computed as Pearson's correlation of the ranks with
/// tied values given the average of the ranks they span. With ties this, not the shortcut 1 − 6Σd²/(n(n²−1)), is
/// the definition (Kendall and Gibbons 1990, "Rank Correlation Methods", ch. 3; as <c>scipy.stats.spearmanr</c>).
/// </summary>
public static class Spearman
{
    /// <summary>ρ of the pairs (x[i], y[i]), in [−1, 1]. Fewer than 3 pairs, a side whose values are all equal,
    /// or a NaN anywhere gives <see cref="double.NaN"/>: there is no correlation to speak of.</summary>
    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException("Both sides must hold the same number of values.", nameof(y));
        var n = x.Count;
        if (n < 3) return double.NaN;
        for (var i = 0; i < n; i++)
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) return double.NaN;

        var rx = AverageRanks(x);
        var ry = AverageRanks(y);
        // Average ranks of 1..n always have mean (n+1)/2, ties or not.
        var mean = (n + 1) / 2.0;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            double dx = rx[i] - mean, dy = ry[i] - mean;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return double.NaN;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>Ranks 1..n; each run of equal values gets the mean of the ranks it occupies.</summary>
    private static double[] AverageRanks(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (i, j) => values[i].CompareTo(values[j]));
        var ranks = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && values[order[end]] == values[order[start]]) end++;
            // Positions start..end−1 hold ranks start+1..end; their mean is (start + 1 + end) / 2.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++) ranks[order[k]] = rank;
            start = end;
        }
        return ranks;
    }
}
