using BenchDashboard.Components.Shared.Charts;

namespace BenchDashboard.Features.Signals;

/// <summary>The small chart on a signal card: the evidence series, shares drawn as percentages.</summary>
public static class SignalSpark
{
    /// <summary>The chart for <paramref name="series"/>, or null when it has no points; <paramref name="revision"/> names the
    /// signal, so redraws of the same signal keep the user's zoom.</summary>
    public static ChartFigure? Build(EvidenceSeries? series, string revision)
    {
        if (series is not { Points.Count: > 0 }) return null;
        var scale = series.IsRate ? 100.0 : 1.0;
        return new ChartFigure
        {
            Series = [new ChartSeries(series.Label, "#c62828", series.Points.Select(p => new ChartPoint(p.At, p.Value * scale)).ToList())],
            Y = new ChartAxis(Unit: series.IsRate ? " %" : ""),
            ShowLegend = false,
            Compact = true,
            Revision = revision,
        };
    }
}
