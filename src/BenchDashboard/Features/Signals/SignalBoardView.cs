namespace BenchDashboard.Features.Signals;

/// <summary>
/// What a signal panel shows: the signals as of a day with the team's word on each, whether the data suffices, and the
/// two dates the dashboard's tiles show. Only these: an open tab keeps its view for as long as it is open, so it must not
/// hold the months of data the signals were computed from (that stays in <see cref="SignalsService"/>'s cache, shared).
/// </summary>
public sealed record SignalBoardView(DateOnly AsOf, IReadOnlyList<TriagedSignal> Signals, SignalReadiness Readiness,
    ClosedRound? LastRound, DateTime? LastRubricReview);
