namespace BenchDashboard.Components.Shared.Charts;

/// <summary>A dated event drawn as a vertical line with a short <see cref="Label"/> and a longer <see cref="Detail"/> on
/// hover. Both may be user text (version labels, notes): they are encoded when drawn.</summary>
public sealed record ChartMarker(DateTime At, string Label, string Detail, ChartMarkerKind Kind);
