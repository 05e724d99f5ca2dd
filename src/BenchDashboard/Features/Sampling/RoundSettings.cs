using System.Globalization;
using System.Text.RegularExpressions;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Sampling;

/// <summary>What a lead (or <c>POST …/sampling-rounds</c>) asks for when starting a round.</summary>
public sealed partial record RoundSettings(
    string Period, int Size, SamplingStrategy Strategy, int Seed, DateOnly From, DateOnly To,
    int MinPerCategory = 2, double HealthyShare = 0.3, double DoubleReviewFraction = 0.15)
{
    public const int MinSize = 1, MaxSize = SampleDrawer.MaxSize, DefaultSize = 60;
    /// <summary>A window longer than a year is not a monthly round; the limit also bounds the candidate query.</summary>
    public const int MaxWindowDays = 366;

    public SamplingPlan Plan => new(Size, Strategy, Seed, MinPerCategory, HealthyShare);

    // [0-9], not \d: \d also matches other scripts' digits, which DateOnly cannot read.
    [GeneratedRegex(@"^[0-9]{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex PeriodPattern();

    /// <summary>A month <c>YYYY-MM</c> whose first day is an accepted day (<see cref="AcceptedDates"/>).</summary>
    public static bool IsPeriod(string? period, DateTime? nowUtc = null) => TryMonthOf(period, nowUtc, out _);

    /// <summary>
    /// The days of a period <c>YYYY-MM</c>: its first day to its last, or to the latest accepted day for the current
    /// month (no data can lie beyond it). False for anything else, such as <c>0000-01</c> or <c>9999-12</c>.
    /// </summary>
    public static bool TryMonthOf(string? period, DateTime? nowUtc, out (DateOnly From, DateOnly To) days)
    {
        days = default;
        var now = nowUtc ?? DateTime.UtcNow;
        if (period is null || !PeriodPattern().IsMatch(period)
            || !DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || !AcceptedDates.Contains(first, now)) return false;
        var last = first.AddMonths(1).AddDays(-1);
        days = (first, last <= AcceptedDates.LatestDay(now) ? last : AcceptedDates.LatestDay(now));
        return true;
    }

    /// <summary>Why <paramref name="period"/> is not a period, or null.</summary>
    public static string? PeriodProblem(string? period, DateTime? nowUtc = null) =>
        period is null || !PeriodPattern().IsMatch(period) ? "must be a month in the form YYYY-MM"
        : !IsPeriod(period, nowUtc) ? $"'{period}' is not a month from 2000-01 to this month"
        : null;

    /// <summary>The month before <paramref name="today"/>: a round samples a finished month.</summary>
    public static string PreviousPeriod(DateOnly today) => today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public ValidationErrors Validate(DateTime? nowUtc = null)
    {
        var errors = new ValidationErrors();
        var now = nowUtc ?? DateTime.UtcNow;
        if (PeriodProblem(Period, now) is { } periodProblem) errors.Add("period", periodProblem);
        if (AcceptedDates.Problem(From, now) is { } fromProblem) errors.Add("from", fromProblem);
        if (AcceptedDates.Problem(To, now) is { } toProblem) errors.Add("to", toProblem);
        if (Size is < MinSize or > MaxSize) errors.Add("size", $"must be between {MinSize} and {MaxSize}");
        if (To < From) errors.Add("to", $"{To:yyyy-MM-dd} is before from ({From:yyyy-MM-dd})");
        else if (To.DayNumber - From.DayNumber + 1 > MaxWindowDays) errors.Add("from", $"the window is longer than {MaxWindowDays} days");
        if (MinPerCategory is < 0 or > 50) errors.Add("minPerCategory", "must be between 0 and 50");
        if (HealthyShare is < 0 or > 1 || double.IsNaN(HealthyShare)) errors.Add("healthyShare", "must be between 0 and 1");
        if (DoubleReviewFraction is < 0 or > 1 || double.IsNaN(DoubleReviewFraction)) errors.Add("doubleReviewFraction", "must be between 0 and 1");
        return errors;
    }

    public static string StrategyName(SamplingStrategy strategy) => strategy switch
    {
        SamplingStrategy.Uniform => "uniform",
        SamplingStrategy.Stratified => "stratified",
        SamplingStrategy.NegativeFeedback => "negative_feedback",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
    };

    public static SamplingStrategy? ParseStrategy(string? name) => name switch
    {
        "uniform" => SamplingStrategy.Uniform,
        "stratified" => SamplingStrategy.Stratified,
        "negative_feedback" => SamplingStrategy.NegativeFeedback,
        _ => null,
    };

    public static string Describe(SamplingStrategy strategy) => strategy switch
    {
        SamplingStrategy.Uniform => "Uniform: every trace of the window equally likely",
        SamplingStrategy.Stratified => "Stratified by category: proportional, with a minimum per category",
        SamplingStrategy.NegativeFeedback => "Weighted toward negative feedback, keeping some healthy traffic",
        _ => strategy.ToString(),
    };
}
