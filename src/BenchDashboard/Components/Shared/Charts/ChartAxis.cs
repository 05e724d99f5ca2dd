namespace BenchDashboard.Components.Shared.Charts;

/// <summary>A value axis from <see cref="Min"/> to <see cref="Max"/> (fitted to the data when either is null).
/// <see cref="Unit"/> follows every tick and hovered value (e.g. " %"), so series never add it; <see cref="Step"/> is the
/// distance between ticks (chosen by Plotly when null).</summary>
public sealed record ChartAxis(string? Title = null, double? Min = null, double? Max = null, string Unit = "", double? Step = null);
