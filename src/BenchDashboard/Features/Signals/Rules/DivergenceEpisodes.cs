using BenchDashboard.Features.Trends;
using BenchDashboard.Statistics;

namespace BenchDashboard.Features.Signals.Rules;

/// <summary>
/// Replays one metric's history day by day up to <c>asOf</c> and returns its divergence episodes
/// (docs/decisions/0013-divergence-episodes.md). While users are content the reference is the level of the two windows
/// just before the current one (the healthy level right before any onset), never reaching back past the last
/// re-baseline. When the current window is significantly and materially worse, the reference freezes at the level
/// before the onset (the change point), so a lasting drop is measured against the healthy level however long it lasts.
/// If the bench, once it has run since the onset, did not fall with the users, an episode opens. It closes when users
/// come back within half the minimum effect (a band, so a metric hovering at the threshold does not flap), when the
/// bench falls comparably (then users stay "worse but explained" until either recovers), or when a lead re-baselines
/// it. A pure function of the data: the same history gives the same episodes on every day.
/// </summary>
internal static class DivergenceEpisodes
{
    public const int MinRateSample = 100;
    public const int MinCsatSample = 30;

    /// <summary>
    /// How long after an onset an episode waits for a bench run before opening anyway: the bench can only be said not
    /// to have seen a drop once it has run on it, but a bench that is not run for two weeks sees nothing either.
    /// </summary>
    public const int BenchWaitDays = 14;

    /// <summary>The shortest stretch the change point may leave after it: fewer days than this are not a level.</summary>
    private const int MinOnsetDays = 3;

    public static IReadOnlyList<DivergenceEpisode> Replay(ProjectSignalData data, string metric, DateOnly asOf, SignalSettings settings)
    {
        if (!data.Metrics.TryGetValue(metric, out var days) || days.Count == 0 || days[0].Date > asOf) return [];
        var series = new DaySeries(days, asOf);
        var rule = new Thresholds(metric, settings);
        var rebaselines = data.Rebaselines.Where(r => r.Metric == metric && r.Day <= asOf).Select(r => r.Day).ToHashSet();
        var w = settings.DivergenceWindowDays;
        var floor = series.First;
        var episodes = new List<DivergenceEpisode>();
        DivergenceEpisode? open = null;
        // Users worse than before, but the bench fell with them: no signal, and the reference stays where it was, so the
        // unhappy level never becomes "normal" by rolling into the reference window.
        Worsening? explained = null;

        for (var t = series.First.AddDays(FirstCheckWindows * w - 1); t <= asOf; t = t.AddDays(1))
        {
            if (rebaselines.Contains(t))
            {
                if (open is not null) episodes.Add(open with { ClosedOn = t, End = EpisodeEnd.Rebaselined });
                open = null;
                explained = null;
                // The level of the window ending today becomes the reference: "this is the new normal".
                floor = t.AddDays(-(w - 1));
                continue;
            }
            if (open is not null)
            {
                var worsening = new Worsening(open.Onset, open.ReferenceWindow, open.Reference, open.BenchReference);
                if (Observe(data, series, rule, worsening, t, w) is not { } look) continue;
                var check = look.Check;
                if (look.Worse < rule.MinEffect / 2)
                {
                    episodes.Add(open with { ClosedOn = t, End = EpisodeEnd.Recovered, Latest = check });
                    open = null;
                }
                else if (check.BenchNow is { } b && BenchLevel.FellWith(open.BenchReference, b, rule.InPoints(look.Worse), settings))
                {
                    episodes.Add(open with { ClosedOn = t, End = EpisodeEnd.BenchCaughtUp, Latest = check });
                    open = null;
                    explained = worsening;
                }
                else
                {
                    open = open with { Latest = check };
                }
                continue;
            }
            if (explained is not null)
            {
                if (Observe(data, series, rule, explained, t, w) is not { } look) continue;
                if (look.Worse < rule.MinEffect / 2)
                {
                    explained = null;
                }
                else if (look.Check.BenchNow is { } b
                         && explained.BenchReference.Mean - b.Mean < settings.DivergenceBenchShare / 2 * rule.InPoints(look.Worse))
                {
                    // The bench came back (at least halfway) while users did not: from today they disagree again. The new
                    // episode starts today, so it is a new one for acknowledgements, but keeps the healthy reference.
                    open = new DivergenceEpisode(metric, t, t, explained.ReferenceWindow, explained.Reference, explained.BenchReference, look.Check);
                    explained = null;
                }
                continue;
            }
            (open, explained) = TryOpen(data, series, rule, settings, floor, t);
        }
        if (open is not null) episodes.Add(open);
        return episodes;
    }

    /// <summary>Users got worse from <see cref="Onset"/> on, against the reference level before it.</summary>
    private sealed record Worsening(DateOnly Onset, DayRange ReferenceWindow, MetricLevel Reference, BenchLevel BenchReference);

    private sealed record Observation(DivergenceCheck Check, double Worse);

    /// <summary>The metric since the onset (at most the rolling window) against the frozen reference, and the bench since the onset.</summary>
    private static Observation? Observe(ProjectSignalData data, DaySeries series, Thresholds rule, Worsening worsening, DateOnly t, int w)
    {
        var window = new DayRange(Max(worsening.Onset, t.AddDays(-(w - 1))), t);
        var now = series.Sum(window);
        if (now.N < rule.MinSample) return null;
        var bench = BenchLevel.Over(data.Runs, window);
        return new Observation(new DivergenceCheck(t, window, now, rule.PValue(now, worsening.Reference), bench), rule.Worse(worsening.Reference, now));
    }

    /// <summary>
    /// The reference is the level over this many windows before the current one (fewer where the history or the last
    /// re-baseline is shorter): a long reference has little noise of its own, which is what keeps healthy projects whose
    /// daily rate wanders quiet on every day (0013: 0 of 400 simulated healthy projects, against 10 with one window).
    /// </summary>
    public const int ReferenceWindows = 3;

    /// <summary>The first day checked has this many windows of history: two of reference and the current one.</summary>
    public const int FirstCheckWindows = 3;

    /// <summary>One run since the onset may be a fluke: "the bench fell with the users" waits for a second one (up to <see cref="BenchWaitDays"/>).</summary>
    private const int MinRunsToExplain = 2;

    private static (DivergenceEpisode? Open, Worsening? Explained) TryOpen(ProjectSignalData data, DaySeries series, Thresholds rule,
        SignalSettings settings, DateOnly floor, DateOnly t)
    {
        var w = settings.DivergenceWindowDays;
        var current = DayRange.Ending(t, w);
        var rolling = DayRange.Ending(current.From.AddDays(-1), ReferenceWindows * w);
        // Early in a project, or after a re-baseline, the reference is what there is since then (at least one window);
        // right after a re-baseline that is the window that ended on it, even where it overlaps the current one.
        var reference = rolling.From >= floor ? rolling
            : floor.AddDays(w - 1) <= rolling.To ? new DayRange(floor, rolling.To)
            : new DayRange(floor, floor.AddDays(w - 1));
        var before = series.Sum(reference);
        var now = series.Sum(current);
        if (now.N < rule.MinSample || before.N < rule.MinSample) return default;
        if (rule.Worse(before, now) < rule.MinEffect || rule.PValue(now, before) >= settings.DivergenceAlpha) return default;

        // When did it start? The change point that best separates the reference level from a worse one since then.
        var onset = ChangePoint(series, rule, before, current);
        var frozen = new DayRange(Max(floor, onset.AddDays(-ReferenceWindows * w)), onset.AddDays(-1));
        var healthy = series.Sum(frozen);
        var since = series.Sum(new DayRange(onset, t));
        if (healthy.N < rule.MinSample || since.N < rule.MinSample) return default;
        var worse = rule.Worse(healthy, since);
        if (worse < rule.MinEffect) return default;

        var ranSince = data.Runs.Any(r => r.Total > 0 && DateOnly.FromDateTime(r.StartedAt) >= onset && DateOnly.FromDateTime(r.StartedAt) <= t);
        if (!ranSince && t.DayNumber - onset.DayNumber < BenchWaitDays) return default;
        var benchBefore = BenchLevel.Over(data.Runs, frozen);
        var benchNow = BenchLevel.Over(data.Runs, new DayRange(onset, t));
        // Without any bench run there is nothing to disagree with: that is a coverage question, not divergence.
        if (benchBefore is not { } b0 || benchNow is not { } b1) return default;
        if (BenchLevel.FellWith(b0, b1, rule.InPoints(worse), settings))
        {
            if (b1.Runs < MinRunsToExplain && t.DayNumber - onset.DayNumber < BenchWaitDays) return default;
            return (null, new Worsening(onset, frozen, healthy, b0));
        }
        var check = new DivergenceCheck(t, new DayRange(onset, t), since, rule.PValue(since, healthy), b1);
        return (new DivergenceEpisode(rule.Metric, onset, t, frozen, healthy, b0, check), null);
    }

    /// <summary>
    /// The day from which the metric is most convincingly worse than <paramref name="reference"/>: the maximum of the
    /// worsening times √n over every start in the window (the likelihood-ratio change point of a mean shift from a
    /// known level).
    /// </summary>
    private static DateOnly ChangePoint(DaySeries series, Thresholds rule, MetricLevel reference, DayRange window)
    {
        var best = window.From;
        var bestScore = double.NegativeInfinity;
        for (var day = window.From; day <= window.To.AddDays(-(MinOnsetDays - 1)); day = day.AddDays(1))
        {
            var since = series.Sum(new DayRange(day, window.To));
            if (since.N == 0) continue;
            var score = rule.Worse(reference, since) * Math.Sqrt(since.N);
            if (score > bestScore)
            {
                bestScore = score;
                best = day;
            }
        }
        return best;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>The metric's direction, minimum effect and test, from the settings.</summary>
    private sealed class Thresholds(string metric, SignalSettings settings)
    {
        public string Metric { get; } = metric;
        private bool Csat { get; } = metric == TrendMetrics.Csat;
        private bool HigherIsBetter { get; } = DivergenceRule.HigherIsBetter(metric);
        public long MinSample => Csat ? MinCsatSample : MinRateSample;
        public double MinEffect => Csat ? settings.DivergenceMinCsatChange : settings.DivergenceMinRateChange;

        /// <summary>How much worse <paramref name="now"/> is than <paramref name="reference"/>, in the metric's unit; negative when better.</summary>
        public double Worse(MetricLevel reference, MetricLevel now) => HigherIsBetter ? reference.Mean - now.Mean : now.Mean - reference.Mean;

        /// <summary>The worsening as points of a rate: CSAT's as its share of the 1–5 scale, so the bench can be compared with it.</summary>
        public double InPoints(double worse) => Csat ? worse / 4 : worse;

        public double PValue(MetricLevel now, MetricLevel reference) =>
            UxMetricTest.PValue(Metric, new MetricSample(now.Sum, now.SumOfSquares, now.N), new MetricSample(reference.Sum, reference.SumOfSquares, reference.N));
    }

    /// <summary>Prefix sums over every day from the first with data to asOf, so any window's totals cost two lookups.</summary>
    private sealed class DaySeries
    {
        private readonly double[] _sum, _squares;
        private readonly long[] _n;

        public DaySeries(IReadOnlyList<MetricDay> days, DateOnly last)
        {
            First = days[0].Date;
            var count = last.DayNumber - First.DayNumber + 1;
            _sum = new double[count + 1];
            _squares = new double[count + 1];
            _n = new long[count + 1];
            var byIndex = new MetricDay?[count];
            foreach (var day in days)
            {
                var i = day.Date.DayNumber - First.DayNumber;
                if (i >= 0 && i < count) byIndex[i] = day;
            }
            for (var i = 0; i < count; i++)
            {
                var d = byIndex[i];
                _sum[i + 1] = _sum[i] + (d?.Sum ?? 0);
                _squares[i + 1] = _squares[i] + (d?.SumOfSquares ?? 0);
                _n[i + 1] = _n[i] + (d?.N ?? 0);
            }
        }

        public DateOnly First { get; }

        public MetricLevel Sum(DayRange range)
        {
            var from = Math.Clamp(range.From.DayNumber - First.DayNumber, 0, _n.Length - 1);
            var to = Math.Clamp(range.To.DayNumber - First.DayNumber + 1, 0, _n.Length - 1);
            if (to <= from) return default;
            return new MetricLevel(_sum[to] - _sum[from], _squares[to] - _squares[from], _n[to] - _n[from]);
        }
    }
}
