using BenchDashboard.Domain;
using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Tests.Features.Signals;

/// <summary>
/// Generates a project's signal data day by day from a few knobs: the true user-experience rates, the bench's quality
/// per version, traffic mix, sampling and review habits. The defaults are a healthy project (the bench moves with
/// versions, failures change, traffic looks like the bench, rituals are on time); each scenario changes one thing.
/// Sampling noise is real: binomial draws with n ≈ 200 thumbs a day, daily rates that wander by chance.
/// </summary>
internal sealed class ScenarioProject(int seed)
{
    public static readonly DateOnly Day0 = new(2026, 1, 5);
    public const int Days = 270;

    public Func<int, double> ThumbsUp { get; set; } = _ => 0.80;
    public Func<int, double> Csat { get; set; } = _ => 4.3;
    public Func<int, double> Rewrite { get; set; } = _ => 0.08;
    public int ThumbsPerDay { get; set; } = 200;
    public int CsatPerDay { get; set; } = 40;
    public int TracesPerDay { get; set; } = 1000;

    /// <summary>Deployment days and the share of bench cases each version passes.</summary>
    public (int Day, double Quality)[] Versions { get; set; } =
        [(0, 0.88), (40, 0.92), (80, 0.86), (120, 0.93), (240, 0.90)];
    public int RunEveryDays { get; set; } = 7;
    /// <summary>Run-to-run noise of the bench, as the standard deviation of its failure count (cases).</summary>
    public double BenchNoiseCases { get; set; } = 1;
    /// <summary>Failures on top of the version's on the run of a given day (a one-off dip, a bench that falls with users).</summary>
    public Func<int, int> ExtraFailures { get; set; } = _ => 0;
    /// <summary>When set, every run fails exactly these cases (the bench whose failures never change).</summary>
    public bool SameFailuresEveryRun { get; set; }
    public bool AuditEveryVersion { get; set; } = true;

    public Func<int, IReadOnlyDictionary<string, double>> TrafficMix { get; set; } = _ => HealthyMix;
    public static readonly IReadOnlyDictionary<string, double> HealthyMix = new Dictionary<string, double>
    {
        ["billing"] = 0.25, ["shipping"] = 0.25, ["returns"] = 0.20, ["account"] = 0.15, ["product questions"] = 0.15,
    };
    public int SampledTracesPerDay { get; set; } = 300;
    /// <summary>Production input lengths on a day, as a multiple of the bench's (1: the same distribution).</summary>
    public Func<int, double> InputLengthFactor { get; set; } = _ => 1.0;

    /// <summary>Sampling rounds close on these days; the healthy default is monthly.</summary>
    public IEnumerable<int> RoundDays { get; set; } = Enumerable.Range(1, 9).Select(i => i * 30);
    public (int Failures, int Caught) RoundResult { get; set; } = (48, 45);
    public IEnumerable<int> RubricReviewDays { get; set; } = [5, 95, 185];

    private const int BenchCases = 300;

    public static DateOnly Date(int day) => Day0.AddDays(day);

    public ProjectSignalData Build()
    {
        var rng = new Random(seed);
        var metrics = TrendMetrics.UserExperience.ToDictionary(m => m, _ => new List<MetricDay>());
        var traffic = new List<CategoryTraffic>();
        var inputLengths = new List<InputLengthCount>();
        var wander = 0.0;
        for (var day = 0; day < Days; day++)
        {
            var date = Date(day);
            // A mean-reverting daily wobble of about one point: real metrics are never perfectly flat.
            wander = 0.7 * wander + 0.007 * Gaussian(rng);
            var up = Binomial(rng, ThumbsPerDay, Math.Clamp(ThumbsUp(day) + wander, 0, 1));
            metrics[TrendMetrics.ThumbsUpRate].Add(new MetricDay(date, up, up, ThumbsPerDay));
            double sum = 0, squares = 0;
            for (var i = 0; i < CsatPerDay; i++)
            {
                var score = Math.Clamp(Math.Round(Csat(day) + 0.9 * Gaussian(rng)), 1, 5);
                sum += score;
                squares += score * score;
            }
            metrics[TrendMetrics.Csat].Add(new MetricDay(date, sum, squares, CsatPerDay));
            foreach (var (metric, rate) in new[] { (TrendMetrics.RewriteRate, Rewrite(day)), (TrendMetrics.RetryRate, 0.04),
                         (TrendMetrics.UndoRate, 0.015), (TrendMetrics.FormatErrorRate, 0.01) })
            {
                var count = Binomial(rng, TracesPerDay, rate);
                metrics[metric].Add(new MetricDay(date, count, count, TracesPerDay));
            }
            var mix = TrafficMix(day);
            // Traffic as imports store it: traces per category and input lengths per bin, each day.
            var categories = new Dictionary<string, long>();
            var bins = new Dictionary<int, long>();
            for (var i = 0; i < SampledTracesPerDay; i++)
            {
                var category = Pick(rng, mix);
                categories[category] = categories.GetValueOrDefault(category) + 1;
                var bin = InputLengthBins.StartOf((int)Math.Round(InputLength(rng) * InputLengthFactor(day)));
                bins[bin] = bins.GetValueOrDefault(bin) + 1;
            }
            traffic.AddRange(categories.Select(c => new CategoryTraffic(date, c.Key, c.Value)));
            inputLengths.AddRange(bins.Select(b => new InputLengthCount(date, b.Key, b.Value)));
        }

        var caseCategories = HealthyMix.SelectMany(p => Enumerable.Repeat(p.Key, (int)Math.Round(p.Value * BenchCases))).ToList();
        var cases = caseCategories.Select(c => new CaseShape(Date(0).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), null, c, InputLength(rng))).ToList();
        var caseIds = Enumerable.Range(1, BenchCases).Select(i => $"case-{i:000}").ToList();

        var runs = new List<RunOutcome>();
        for (var day = 1; day < Days; day += RunEveryDays)
        {
            var (versionDay, quality) = Versions.Last(v => v.Day <= day);
            var failures = Math.Clamp((int)Math.Round((1 - quality) * BenchCases + BenchNoiseCases * Gaussian(rng)) + ExtraFailures(day), 0, BenchCases);
            // Healthy benches fail a changing set: a few hard cases plus ones that depend on the version and the day.
            var failing = SameFailuresEveryRun
                ? caseIds.Take((int)Math.Round((1 - quality) * BenchCases)).ToHashSet()
                : caseIds.Take(failures / 3).Concat(caseIds.Skip(failures / 3).OrderBy(_ => rng.Next()).Take(failures - failures / 3)).ToHashSet();
            runs.Add(new RunOutcome($"run-{day}", $"v{Array.FindIndex(Versions, v => v.Day == versionDay) + 1}",
                Date(day).ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc), caseIds.ToDictionary(c => c, c => !failing.Contains(c))));
        }
        var versions = Versions.Select((v, i) => new VersionInfo($"v{i + 1}", Date(v.Day).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), AuditEveryVersion)).ToList();
        var rounds = RoundDays.Where(d => d < Days).Select(d => new ClosedRound(Date(d).ToString("yyyy-MM"),
            Date(d).ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc), 60, RoundResult.Failures, RoundResult.Caught)).ToList();
        return new ProjectSignalData
        {
            FirstDay = Day0,
            Metrics = metrics.ToDictionary(p => p.Key, p => (IReadOnlyList<MetricDay>)p.Value),
            Runs = runs,
            Versions = versions,
            Traffic = traffic,
            InputLengths = inputLengths,
            Cases = cases,
            Rounds = rounds,
            RubricReviews = RubricReviewDays.Where(d => d < Days).Select(d => Date(d).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc)).ToList(),
        };
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static int Binomial(Random rng, int n, double p)
    {
        var successes = 0;
        for (var i = 0; i < n; i++) if (rng.NextDouble() < p) successes++;
        return successes;
    }

    private static string Pick(Random rng, IReadOnlyDictionary<string, double> mix)
    {
        var x = rng.NextDouble() * mix.Values.Sum();
        foreach (var (category, share) in mix)
        {
            if ((x -= share) < 0) return category;
        }
        return mix.Keys.Last();
    }

    /// <summary>Input lengths of a support chat: mostly short, a long tail.</summary>
    private static int InputLength(Random rng) => (int)Math.Round(Math.Exp(5.0 + 0.6 * Gaussian(rng)));
}
