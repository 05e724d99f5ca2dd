namespace BenchDashboard.Components.Shared.Charts;

/// <summary>
/// What a page wants drawn, in the app's terms: time series on one or two value axes, with optional 95 % bands and
/// dated markers. <see cref="PlotlyChart"/> turns it into Plotly's figure (<see cref="PlotlyFigure"/>), so pages never
/// handle Plotly types, its pseudo-HTML or its JavaScript.
/// </summary>
public sealed record ChartFigure
{
    public required IReadOnlyList<ChartSeries> Series { get; init; }

    /// <summary>The left value axis.</summary>
    public ChartAxis Y { get; init; } = new();

    /// <summary>The right value axis, for series with <see cref="ChartSeries.OnSecondAxis"/>; none when null.</summary>
    public ChartAxis? Y2 { get; init; }

    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];

    public bool ShowLegend { get; init; } = true;

    /// <summary>A small chart (a sparkline in a card): tight margins, no axis titles.</summary>
    public bool Compact { get; init; }

    /// <summary>
    /// Names what is plotted. While it stays the same, redraws keep the user's zoom and pan (Plotly's <c>uirevision</c>);
    /// a new value (another project or time window) starts from the whole figure again.
    /// </summary>
    public required string Revision { get; init; }
}
