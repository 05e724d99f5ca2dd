using BenchDashboard.Features.Reports.Content;
using PdfSharp.Drawing;

namespace BenchDashboard.Features.Reports.Pdf.Charts;

/// <summary>
/// Maps a chart's values into its plot rectangle: time from the period's first day to the end of its last day, the bench
/// pass rate (a fraction) on 0–1, and the metric on its own <see cref="ReportAxis"/> range.
/// </summary>
internal sealed class ChartScale(XRect plot, DateOnly from, DateOnly to, ReportAxis metricAxis)
{
    private readonly DateTime start = from.ToDateTime(TimeOnly.MinValue);
    private readonly double days = Math.Max(1, to.DayNumber - from.DayNumber + 1);

    public double X(DateTime at) => Keep(plot.Left + (at - start).TotalDays / days * plot.Width, plot.Left, plot.Width);

    public double Left(double fraction) => Keep(plot.Bottom - fraction * plot.Height, plot.Top, plot.Height);

    public double Right(double value)
    {
        var range = metricAxis.Max - metricAxis.Min;
        return Keep(plot.Bottom - (double.IsFinite(range) && range > 0 ? (value - metricAxis.Min) / range : 0.5) * plot.Height,
            plot.Top, plot.Height);
    }

    /// <summary>Values far outside the axis are drawn (and clipped) one plot size beyond it, so the page never holds
    /// absurd coordinates while the line still leaves the plot in the right direction.</summary>
    private static double Keep(double at, double start, double size) => Math.Clamp(at, start - size, start + 2 * size);
}
