namespace BenchDashboard.Components.Shared.Charts;

/// <summary>A value at a time, in the unit of its axis; <see cref="Low"/>/<see cref="High"/> bound its 95 % interval and
/// <see cref="Count"/> is how many observations it rests on (both shown on hover when given).</summary>
public sealed record ChartPoint(DateTime At, double Value, double? Low = null, double? High = null, long? Count = null);
