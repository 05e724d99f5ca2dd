using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// input_drift: production traffic no longer looks like the bench. Categories are compared with the population
/// stability index (Jensen–Shannon distance shown too) and checked for uncovered ones (much traffic, almost no
/// cases); input lengths with the Kolmogorov–Smirnov D and the Wasserstein distance. Decisions rest on effect sizes:
/// with tens of thousands of traces every p-value is tiny, so p is evidence, never the trigger.
/// </summary>
internal static class InputDriftRule
{
    private const int MinTraces = 200;
    private const int MinCases = 20;
    private const int LookBackWeeks = 26;
    private const string NoCategory = "(none)";

    private sealed record CategoryFinding(SignalSeverity Severity, double Psi, double JensenShannon, IReadOnlyList<object> Shares,
        IReadOnlyList<string> Uncovered, int Traces, int Cases);

    private sealed record LengthFinding(SignalSeverity Severity, double D, double PValue, double Wasserstein, double ProductionMedian,
        double BenchMedian, int Traces, int Cases);

    public static IEnumerable<Signal> Evaluate(ProjectSignalData data, DateOnly asOf, SignalSettings settings)
    {
        var traffic = new Traffic(data.Traces);
        if (Categories(data, traffic, asOf, settings) is { } categories)
        {
            var since = WeeklySince(asOf, day => Categories(data, traffic, day, settings) is not null);
            var uncovered = categories.Uncovered.Count > 0
                ? $" {string.Join(", ", categories.Uncovered.Select(c => $"“{c}”"))} {(categories.Uncovered.Count == 1 ? "is" : "are")} " +
                  $"at least {Say.Percent(settings.UncoveredTrafficShare)} of traffic but under {Say.Percent(settings.UncoveredBenchShare)} of bench cases."
                : "";
            var summary = $"Production categories of the last {settings.DriftWindowDays} days differ from the bench's " +
                          $"(PSI {Say.Number(categories.Psi)}, Jensen–Shannon distance {Say.Number(categories.JensenShannon)}).{uncovered}";
            yield return new Signal(SignalKinds.InputDrift, "category", categories.Severity, since, summary, new
            {
                window = DayRange.Ending(asOf, settings.DriftWindowDays), psi = categories.Psi, jensenShannonDistance = categories.JensenShannon,
                uncovered = categories.Uncovered, shares = categories.Shares, traces = categories.Traces, cases = categories.Cases,
            });
        }
        if (Lengths(data, traffic, asOf, settings) is { } lengths)
        {
            var since = WeeklySince(asOf, day => Lengths(data, traffic, day, settings) is not null);
            var summary = $"Production inputs of the last {settings.DriftWindowDays} days are {(lengths.ProductionMedian > lengths.BenchMedian ? "longer" : "shorter")} " +
                          $"than the bench's (median {lengths.ProductionMedian:0} vs {lengths.BenchMedian:0} characters; KS D {Say.Number(lengths.D)}, " +
                          $"Wasserstein {Say.Number(lengths.Wasserstein, "0")} characters).";
            yield return new Signal(SignalKinds.InputDrift, "inputLength", lengths.Severity, since, summary, new
            {
                window = DayRange.Ending(asOf, settings.DriftWindowDays), ksD = lengths.D, ksPValue = lengths.PValue, wasserstein = lengths.Wasserstein,
                productionMedian = lengths.ProductionMedian, benchMedian = lengths.BenchMedian, traces = lengths.Traces, cases = lengths.Cases,
            });
        }
    }

    /// <summary>Weekly steps back: traffic is compared over weeks, so a daily "since" would be false precision.</summary>
    private static DateOnly WeeklySince(DateOnly asOf, Func<DateOnly, bool> holds) =>
        Since.WalkBack(asOf, 7 * LookBackWeeks, holds, stepDays: 7);

    private static CategoryFinding? Categories(ProjectSignalData data, Traffic traffic, DateOnly day, SignalSettings settings)
    {
        var window = DayRange.Ending(day, settings.DriftWindowDays);
        var counts = Count(traffic.In(window).Select(t => t.Category));
        var bench = Count(data.CasesOn(day).Select(c => c.Category));
        var traces = counts.Values.Sum();
        var cases = bench.Values.Sum();
        if (traces < MinTraces || cases < MinCases) return null;

        var categories = counts.Keys.Union(bench.Keys).OrderBy(c => c, StringComparer.Ordinal).ToList();
        var production = categories.Select(c => (double)counts.GetValueOrDefault(c)).ToList();
        var expected = categories.Select(c => (double)bench.GetValueOrDefault(c)).ToList();
        var psi = Divergence.PopulationStabilityIndex(expected, production);
        var js = Divergence.JensenShannonDistance(expected, production);
        var uncovered = categories.Where(c => counts.GetValueOrDefault(c) >= settings.UncoveredTrafficShare * traces
                                              && bench.GetValueOrDefault(c) < settings.UncoveredBenchShare * cases).ToList();
        var severity = psi >= settings.PsiAlert || uncovered.Count > 0 ? SignalSeverity.Alert
            : psi >= settings.PsiWarning ? SignalSeverity.Warning
            : (SignalSeverity?)null;
        if (severity is null) return null;
        var shares = categories.Select(c => (object)new
        {
            category = c,
            production = (double)counts.GetValueOrDefault(c) / traces,
            bench = (double)bench.GetValueOrDefault(c) / cases,
        }).ToList();
        return new CategoryFinding(severity.Value, psi, js, shares, uncovered, traces, cases);
    }

    private static LengthFinding? Lengths(ProjectSignalData data, Traffic traffic, DateOnly day, SignalSettings settings)
    {
        var window = DayRange.Ending(day, settings.DriftWindowDays);
        var production = traffic.In(window).Select(t => (double)t.InputLength).ToList();
        var bench = data.CasesOn(day).Where(c => c.InputLength > 0).Select(c => (double)c.InputLength).ToList();
        if (production.Count < MinTraces || bench.Count < MinCases) return null;
        var ks = KolmogorovSmirnov.TwoSample(production, bench);
        var severity = ks.D >= settings.LengthKsAlert ? SignalSeverity.Alert
            : ks.D >= settings.LengthKsWarning ? SignalSeverity.Warning
            : (SignalSeverity?)null;
        if (severity is null) return null;
        return new LengthFinding(severity.Value, ks.D, ks.PValue, Wasserstein.Distance(production, bench), Median(production), Median(bench),
            production.Count, bench.Count);
    }

    private static Dictionary<string, int> Count(IEnumerable<string> categories)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var category in categories)
        {
            var key = string.IsNullOrWhiteSpace(category) ? NoCategory : category;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The traces sorted by day once, so each window (the rule looks at up to 27 of them for "since") is a binary search
    /// and a slice instead of a pass over hundreds of thousands of traces.
    /// </summary>
    private sealed class Traffic
    {
        private readonly TraceShape[] _byDay;

        public Traffic(IReadOnlyList<TraceShape> traces)
        {
            _byDay = traces.ToArray();
            Array.Sort(_byDay, (a, b) => a.Date.CompareTo(b.Date));
        }

        public ArraySegment<TraceShape> In(DayRange window)
        {
            var start = FirstOnOrAfter(window.From);
            var end = FirstOnOrAfter(window.To.AddDays(1));
            return new ArraySegment<TraceShape>(_byDay, start, end - start);
        }

        private int FirstOnOrAfter(DateOnly day)
        {
            int low = 0, high = _byDay.Length;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (_byDay[middle].Date < day) low = middle + 1;
                else high = middle;
            }
            return low;
        }
    }
}
