namespace BenchDashboard.Components.Shared.Charts;

/// <summary>One line of a <see cref="ChartFigure"/>. <see cref="Name"/> may be user text: it is encoded when drawn.
/// <see cref="Color"/> is a CSS colour for the line (and, lighter, for its band).</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>Drawn against <see cref="ChartFigure.Y2"/> instead of <see cref="ChartFigure.Y"/>.</summary>
    public bool OnSecondAxis { get; init; }

    /// <summary>Shade each point's <see cref="ChartPoint.Low"/>–<see cref="ChartPoint.High"/> interval behind the line.</summary>
    public bool ShowBand { get; init; }
}
