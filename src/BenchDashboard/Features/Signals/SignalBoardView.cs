namespace BenchDashboard.Features.Signals;

/// <summary>What a signal panel shows: the signals as of a day with the team's word on each, and whether the data suffices.</summary>
public sealed record SignalBoardView(DateOnly AsOf, IReadOnlyList<TriagedSignal> Signals, SignalReadiness Readiness, ProjectSignalData Data);
