namespace BenchDashboard.Features.Signals;

/// <summary>Where a signal stands with the team: new (nobody said anything), acknowledged, or snoozed until a date.</summary>
public enum SignalStatus { Open, Acknowledged, Snoozed }
