namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// "What may be missing" for a quarter: the failure categories of the sampling rounds whose window overlaps it, those no
/// item covers first. <see cref="LatestQuarterWithRounds"/> points to where the newest rounds are when none overlap.
/// </summary>
public sealed record MissingView(CalendarQuarter Quarter, IReadOnlyList<SamplingRoundRef> Rounds, int Failures, IReadOnlyList<MissingCategory> Categories,
    CalendarQuarter? LatestQuarterWithRounds);
