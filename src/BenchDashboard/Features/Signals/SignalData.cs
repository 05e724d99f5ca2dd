namespace BenchDashboard.Features.Signals;

/// <summary>
/// One day of one user-experience metric, summed so windows add up: for rates <see cref="Sum"/> counts the
/// "successes" (e.g. thumbs-up) out of <see cref="N"/>; for CSAT it is the sum of scores, with their squares.
/// </summary>
public readonly record struct MetricDay(DateOnly Date, double Sum, double SumOfSquares, long N);

/// <summary>A bench run's outcome per active case, as the engine sees it.</summary>
public sealed record RunOutcome(string RunId, string Version, DateTime StartedAt, IReadOnlyDictionary<string, bool> Passed)
{
    public int Total => Passed.Count;

    /// <summary>Counted once: the stagnation and divergence rules ask for it on every day they walk back.</summary>
    public int PassedCount => _passedCount ??= Passed.Values.Count(p => p);
    public double PassRate => Total == 0 ? double.NaN : (double)PassedCount / Total;
    private int? _passedCount;
    private IReadOnlySet<string>? _failing;

    /// <summary>The failing cases, built once: the churn rule compares them for every day it looks back.</summary>
    public IReadOnlySet<string> Failing => _failing ??= Passed.Where(p => !p.Value).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
}

public sealed record VersionInfo(string Version, DateTime DeployedAt, bool Audited);

/// <summary>Production traces of one day and category, as the daily rollups count them ("" for no category).</summary>
public readonly record struct CategoryTraffic(DateOnly Date, string Category, long Traces);

/// <summary>
/// Production traces of one day (all categories) whose input length lies in the bin of
/// <see cref="Domain.InputLengthBins"/> that starts at <paramref name="MinLength"/>.
/// </summary>
public readonly record struct InputLengthCount(DateOnly Date, int MinLength, long Traces);

/// <summary>
/// A bench case reduced to what input drift compares, with its life in data time: it exists from the start of the
/// first run that included it (or its acceptance from a sampling gap) until it was retired.
/// </summary>
public readonly record struct CaseShape(DateTime FirstSeenAt, DateTime? RetiredAt, string Category, int InputLength)
{
    public bool ExistsOn(DateOnly day) => Bench.Cases.BenchCaseLife.ExistsOn(FirstSeenAt, RetiredAt, day);
}

/// <summary>A closed sampling round: of the reviewed production failures, how many the bench would have caught.</summary>
public sealed record ClosedRound(string Period, DateTime ClosedAt, int Reviewed, int Failures, int BenchWouldCatch);

/// <summary>
/// Everything the signal engine reads about one project, up to a date. Built from the database by
/// <see cref="SignalDataLoader"/>, or by hand in the scenario tests; the engine itself never touches a database.
/// </summary>
public sealed record ProjectSignalData
{
    /// <summary>The first day the project has any data; overdue checks count from here when nothing happened yet.</summary>
    public required DateOnly FirstDay { get; init; }
    /// <summary>Per metric name of <see cref="Trends.TrendMetrics"/> (UX metrics only), days in order.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<MetricDay>> Metrics { get; init; }
    public required IReadOnlyList<RunOutcome> Runs { get; init; }
    public required IReadOnlyList<VersionInfo> Versions { get; init; }
    /// <summary>Production traces per day and category, for the days input drift looks at (see the loader).</summary>
    public required IReadOnlyList<CategoryTraffic> Traffic { get; init; }
    /// <summary>Production input lengths per day, binned, for the same days.</summary>
    public required IReadOnlyList<InputLengthCount> InputLengths { get; init; }
    public required IReadOnlyList<CaseShape> Cases { get; init; }
    public required IReadOnlyList<ClosedRound> Rounds { get; init; }
    /// <summary>The bench cases that existed on <paramref name="day"/> (data time, see <see cref="CaseShape"/>).</summary>
    public IEnumerable<CaseShape> CasesOn(DateOnly day) => Cases.Where(c => c.ExistsOn(day));

    /// <summary>Levels a lead declared the new normal, per metric and data day (they close the episode open then).</summary>
    public IReadOnlyList<Rebaseline> Rebaselines { get; init; } = [];

    /// <summary>When rubric reviews were signed off.</summary>
    public IReadOnlyList<DateTime> RubricReviews { get; init; } = [];
}
