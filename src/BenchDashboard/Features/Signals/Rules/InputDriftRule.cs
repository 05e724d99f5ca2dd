using BenchDashboard.Domain;
using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// input_drift: production traffic no longer looks like the bench. Categories are compared with the population
/// stability index (Jensen–Shannon distance shown too) and checked for uncovered ones (much traffic, almost no
/// cases); input lengths with the Kolmogorov–Smirnov D and the Wasserstein distance. Decisions rest on effect sizes:
/// with tens of thousands of traces every p-value is tiny, so p is evidence, never the trigger.
/// Production is read as imports keep it per day (traces per category, input lengths per bin of
/// <see cref="InputLengthBins"/>); the few bench cases are known exactly.
/// </summary>
internal static class InputDriftRule
{
    private const int MinTraces = 200;
    private const int MinCases = 20;
    private const int LookBackWeeks = 26;
    public const string NoCategory = "(none)";

    private sealed record Finding<TEvidence>(SignalSeverity Severity, TEvidence Evidence);

    public static IEnumerable<Signal> Evaluate(ProjectSignalData data, DateOnly asOf, SignalSettings settings)
    {
        var traffic = new Traffic(data);
        if (Categories(data, traffic, asOf, settings) is { } categories)
        {
            var since = WeeklySince(asOf, day => Categories(data, traffic, day, settings) is not null);
            var evidence = categories.Evidence;
            var uncovered = evidence.Uncovered.Count > 0
                ? $" {string.Join(", ", evidence.Uncovered.Select(c => $"“{c}”"))} {(evidence.Uncovered.Count == 1 ? "is" : "are")} " +
                  $"at least {Say.Percent(settings.UncoveredTrafficShare)} of traffic but under {Say.Percent(settings.UncoveredBenchShare)} of bench cases."
                : "";
            var summary = $"Production categories of the last {settings.DriftWindowDays} days differ from the bench's " +
                          $"(PSI {Say.Number(evidence.Psi)}, Jensen–Shannon distance {Say.Number(evidence.JensenShannonDistance)}).{uncovered}";
            yield return new Signal(SignalKinds.InputDrift, "category", categories.Severity, since, summary, evidence);
        }
        if (Lengths(data, traffic, asOf, settings) is { } lengths)
        {
            var since = WeeklySince(asOf, day => Lengths(data, traffic, day, settings) is not null);
            var evidence = lengths.Evidence;
            var summary = $"Production inputs of the last {settings.DriftWindowDays} days are {(evidence.ProductionMedian > evidence.BenchMedian ? "longer" : "shorter")} " +
                          $"than the bench's (median {evidence.ProductionMedian:0} vs {evidence.BenchMedian:0} characters; KS D {Say.Number(evidence.KsD)}, " +
                          $"Wasserstein {Say.Number(evidence.Wasserstein, "0")} characters).";
            yield return new Signal(SignalKinds.InputDrift, "inputLength", lengths.Severity, since, summary, evidence);
        }
    }

    /// <summary>Weekly steps back: traffic is compared over weeks, so a daily "since" would be false precision.</summary>
    private static DateOnly WeeklySince(DateOnly asOf, Func<DateOnly, bool> holds) =>
        Since.WalkBack(asOf, 7 * LookBackWeeks, holds, stepDays: 7);

    private static Finding<InputCategoryDriftEvidence>? Categories(ProjectSignalData data, Traffic traffic, DateOnly day, SignalSettings settings)
    {
        var window = DayRange.Ending(day, settings.DriftWindowDays);
        var counts = traffic.CategoriesIn(window);
        var bench = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var c in data.CasesOn(day)) Add(bench, c.Category, 1);
        var traces = counts.Values.Sum();
        var cases = (int)bench.Values.Sum();
        if (traces < MinTraces || cases < MinCases) return null;

        var categories = counts.Keys.Union(bench.Keys).OrderBy(c => c, StringComparer.Ordinal).ToList();
        var production = categories.Select(c => (double)counts.GetValueOrDefault(c)).ToList();
        var expected = categories.Select(c => (double)bench.GetValueOrDefault(c)).ToList();
        var psi = Divergence.PopulationStabilityIndex(expected, production);
        var uncovered = categories.Where(c => counts.GetValueOrDefault(c) >= settings.UncoveredTrafficShare * traces
                                              && bench.GetValueOrDefault(c) < settings.UncoveredBenchShare * cases).ToList();
        var severity = psi >= settings.PsiAlert || uncovered.Count > 0 ? SignalSeverity.Alert
            : psi >= settings.PsiWarning ? SignalSeverity.Warning
            : (SignalSeverity?)null;
        if (severity is null) return null;
        var shares = categories.Select(c => new CategoryShare(c, (double)counts.GetValueOrDefault(c) / traces, (double)bench.GetValueOrDefault(c) / cases)).ToList();
        return new(severity.Value, new InputCategoryDriftEvidence(window, psi, Divergence.JensenShannonDistance(expected, production), uncovered, shares, traces, cases,
            settings));
    }

    private static Finding<InputLengthDriftEvidence>? Lengths(ProjectSignalData data, Traffic traffic, DateOnly day, SignalSettings settings)
    {
        var window = DayRange.Ending(day, settings.DriftWindowDays);
        var production = traffic.LengthsIn(window);
        var bench = data.CasesOn(day).Where(c => c.InputLength > 0).Select(c => c.InputLength).ToList();
        if (production.Count < MinTraces || bench.Count < MinCases) return null;
        var ks = production.KolmogorovSmirnov(bench);
        var severity = ks.D >= settings.LengthKsAlert ? SignalSeverity.Alert
            : ks.D >= settings.LengthKsWarning ? SignalSeverity.Warning
            : (SignalSeverity?)null;
        if (severity is null) return null;
        return new(severity.Value, new InputLengthDriftEvidence(window, ks.D, ks.PValue, production.Wasserstein(bench), production.Median,
            Median(bench), production.Count, bench.Count, settings));
    }

    private static void Add(Dictionary<string, long> counts, string category, long n)
    {
        var key = string.IsNullOrWhiteSpace(category) ? NoCategory : category;
        counts[key] = counts.GetValueOrDefault(key) + n;
    }

    private static double Median(List<int> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /// <summary>
    /// The daily counts sorted by day once, so each window (the rule looks at up to 27 of them for "since") is a binary
    /// search and a slice.
    /// </summary>
    private sealed class Traffic
    {
        private readonly CategoryTraffic[] _categories;
        private readonly InputLengthCount[] _lengths;

        public Traffic(ProjectSignalData data)
        {
            _categories = data.Traffic.OrderBy(t => t.Date).ToArray();
            _lengths = data.InputLengths.OrderBy(l => l.Date).ToArray();
        }

        public Dictionary<string, long> CategoriesIn(DayRange window)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var day in In(_categories, t => t.Date, window)) Add(counts, day.Category, day.Traces);
            return counts;
        }

        public IntegerHistogram LengthsIn(DayRange window)
        {
            var bins = new Dictionary<int, long>();
            foreach (var day in In(_lengths, l => l.Date, window)) bins[day.MinLength] = bins.GetValueOrDefault(day.MinLength) + day.Traces;
            return new IntegerHistogram(bins.Select(b => ((long)b.Key, InputLengthBins.Next(b.Key), b.Value)));
        }

        private static ArraySegment<T> In<T>(T[] byDay, Func<T, DateOnly> date, DayRange window)
        {
            var start = FirstOnOrAfter(byDay, date, window.From);
            return new ArraySegment<T>(byDay, start, FirstOnOrAfter(byDay, date, window.To.AddDays(1)) - start);
        }

        private static int FirstOnOrAfter<T>(T[] byDay, Func<T, DateOnly> date, DateOnly day)
        {
            int low = 0, high = byDay.Length;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (date(byDay[middle]) < day) low = middle + 1;
                else high = middle;
            }
            return low;
        }
    }
}
