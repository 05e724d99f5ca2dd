namespace BenchDashboard.Features.Signals;

/// <summary>A lead's re-baseline of one metric on a data day: from then on the level of the window ending that day is the reference.</summary>
public sealed record Rebaseline(string Metric, DateOnly Day);
