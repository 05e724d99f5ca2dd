using System.Globalization;
using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Layout;
using BenchDashboard.Features.Reports.Pdf.Text;
using PdfSharp.Drawing;

namespace BenchDashboard.Features.Reports.Pdf.Charts;

/// <summary>
/// Draws one <see cref="ReportChart"/> as vector paths (decision 0035): the bench pass rate on the left axis (0–100 %),
/// the metric on the right axis over its own range, each series' 95 % interval as a translucent polygon behind its line,
/// version and rubric markers as labelled dashed verticals, date ticks below and a legend. Everything inside the plot is
/// clipped to it, so a value outside the axis range cannot draw over the page.
/// </summary>
internal sealed class ChartDrawer(PageFlow flow, ReportStyle style, TextMeasure measure)
{
    private const double PlotHeight = 165;
    private const double LeftGutter = 40;
    private const double RightGutter = 46;
    public const double BlockHeight = 18 + 12 + PlotHeight + 14 + 16 + 8;

    public void Draw(ReportChart chart, DateOnly from, DateOnly to)
    {
        flow.EnsureRoom(BlockHeight);
        var g = flow.Graphics;
        var top = flow.Y;
        g.DrawString(measure.Shorten(SafeText.Line(chart.Title), style.Subheading, flow.Width), style.Subheading, style.InkBrush,
            flow.Left, top, XStringFormats.TopLeft);

        var plot = new XRect(flow.Left + LeftGutter, top + 18 + 12, flow.Width - LeftGutter - RightGutter, PlotHeight);
        var scale = new ChartScale(plot, from, to, chart.MetricAxis);

        var metricName = SafeText.Line(chart.Metric.Name);
        g.DrawString("Bench pass rate", style.Small, new XSolidBrush(ChartPalette.Bench), plot.Left - LeftGutter, plot.Top - 10, XStringFormats.TopLeft);
        var caption = measure.Shorten(metricName, style.Small, plot.Width / 2);
        g.DrawString(caption, style.Small, new XSolidBrush(ChartPalette.Metric), plot.Right + RightGutter - measure.Width(caption, style.Small), plot.Top - 10, XStringFormats.TopLeft);

        DrawGridAndAxes(g, plot, scale, chart.MetricAxis);
        DrawDateTicks(g, plot, scale, from, to);

        var state = g.Save();
        g.IntersectClip(plot);
        DrawBand(g, chart.Bench, scale.X, scale.Left, ChartPalette.Bench);
        DrawBand(g, chart.Metric, scale.X, scale.Right, ChartPalette.Metric);
        var markers = chart.Markers.Where(m => scale.X(m.At) >= plot.Left && scale.X(m.At) <= plot.Right).OrderBy(m => m.At).ToList();
        DrawMarkerLines(g, plot, scale, markers);
        DrawSeries(g, chart.Bench, scale.X, scale.Left, ChartPalette.Bench);
        DrawSeries(g, chart.Metric, scale.X, scale.Right, ChartPalette.Metric);
        DrawMarkerLabels(g, plot, scale, markers);
        g.Restore(state);

        g.DrawRectangle(new XPen(ReportStyle.Rule, 0.6), plot);
        DrawNoData(g, plot, chart);
        DrawLegend(g, plot.Bottom + 16, chart, metricName);
        flow.Y = top + BlockHeight;
    }

    private void DrawGridAndAxes(XGraphics g, XRect plot, ChartScale scale, ReportAxis axis)
    {
        var grid = new XPen(ChartPalette.Grid, 0.5);
        for (var i = 0; i <= 4; i++)
        {
            var fraction = i / 4.0;
            var y = scale.Left(fraction);
            if (i is > 0 and < 4) g.DrawLine(grid, plot.Left, y, plot.Right, y);
            var left = (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
            g.DrawString(left, style.Small, style.MutedBrush, plot.Left - 4 - measure.Width(left, style.Small), y - 4, XStringFormats.TopLeft);
            var value = axis.Min + (axis.Max - axis.Min) * fraction;
            if (!double.IsFinite(value)) continue;
            var right = axis.Percent
                ? (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %"
                : value.ToString("0.##", CultureInfo.InvariantCulture);
            g.DrawString(measure.Shorten(right, style.Small, RightGutter - 6), style.Small, style.MutedBrush, plot.Right + 4, y - 4, XStringFormats.TopLeft);
        }
    }

    private void DrawDateTicks(XGraphics g, XRect plot, ChartScale scale, DateOnly from, DateOnly to)
    {
        var labelWidth = measure.Width("2026-10-01", style.Small);
        foreach (var day in DateTicks.For(from, to, plot.Width, labelWidth))
        {
            var x = scale.X(day.ToDateTime(TimeOnly.MinValue));
            g.DrawLine(style.RulePen, x, plot.Bottom, x, plot.Bottom + 3);
            var label = ReportFormat.Date(day);
            // Keep the label under the plot: centred on its tick, shifted in at either end.
            var lx = Math.Clamp(x - labelWidth / 2, plot.Left - LeftGutter / 2, plot.Right + RightGutter / 2 - labelWidth);
            g.DrawString(label, style.Small, style.MutedBrush, lx, plot.Bottom + 4, XStringFormats.TopLeft);
        }
    }

    private static void DrawBand(XGraphics g, ReportSeries series, Func<DateTime, double> x, Func<double, double> y, XColor color)
    {
        var brush = new XSolidBrush(ChartPalette.Band(color));
        var run = new List<ReportPoint>();
        foreach (var point in series.Points.Append(null))
        {
            if (point is { Low: { } low, High: { } high } && double.IsFinite(low) && double.IsFinite(high))
            {
                run.Add(point);
                continue;
            }
            if (run.Count == 1)
            {
                var p = run[0];
                var px = x(p.Day.ToDateTime(TimeOnly.MinValue));
                g.DrawRectangle(brush, px - 2.5, y(p.High!.Value), 5, Math.Max(0.5, y(p.Low!.Value) - y(p.High.Value)));
            }
            else if (run.Count > 1)
            {
                var upper = run.Select(p => new XPoint(x(p.Day.ToDateTime(TimeOnly.MinValue)), y(p.High!.Value)));
                var lower = run.AsEnumerable().Reverse().Select(p => new XPoint(x(p.Day.ToDateTime(TimeOnly.MinValue)), y(p.Low!.Value)));
                g.DrawPolygon(brush, upper.Concat(lower).ToArray(), XFillMode.Winding);
            }
            run.Clear();
        }
    }

    private static void DrawSeries(XGraphics g, ReportSeries series, Func<DateTime, double> x, Func<double, double> y, XColor color)
    {
        // A value that is not a number cannot be placed; it is left out rather than written into the page as "NaN".
        var points = series.Points.Where(p => double.IsFinite(p.Value)).Select(p => new XPoint(x(p.Day.ToDateTime(TimeOnly.MinValue)), y(p.Value))).ToArray();
        if (points.Length == 0) return;
        if (points.Length > 1) g.DrawLines(ChartPalette.Line(color), points);
        var dot = new XSolidBrush(color);
        foreach (var p in points) g.DrawEllipse(dot, p.X - 1.7, p.Y - 1.7, 3.4, 3.4);
    }

    private static void DrawMarkerLines(XGraphics g, XRect plot, ChartScale scale, IReadOnlyList<ReportMarker> markers)
    {
        foreach (var marker in markers)
        {
            var x = scale.X(marker.At);
            var pen = marker.Kind == ReportMarkerKind.Rubric ? ChartPalette.RubricMarker() : ChartPalette.VersionMarker();
            g.DrawLine(pen, x, plot.Top, x, plot.Bottom);
        }
    }

    /// <summary>Each label runs up its line from the plot's bottom (close markers then do not collide the way horizontal
    /// labels would), on a pale backdrop drawn over the series so both stay legible where they cross.</summary>
    private void DrawMarkerLabels(XGraphics g, XRect plot, ChartScale scale, IReadOnlyList<ReportMarker> markers)
    {
        var backdrop = new XSolidBrush(XColor.FromArgb(210, 255, 255, 255));
        var height = ReportStyle.LineHeight(style.Small);
        foreach (var marker in markers)
        {
            var label = measure.Shorten(SafeText.Line(marker.Label), style.Small, plot.Height - 8);
            var width = measure.Width(label, style.Small);
            var pivot = new XPoint(scale.X(marker.At), plot.Bottom - 4);
            var state = g.Save();
            g.RotateAtTransform(-90, pivot);
            g.DrawRectangle(backdrop, pivot.X - 1, pivot.Y + 1, width + 2, height);
            var color = marker.Kind == ReportMarkerKind.Rubric ? ChartPalette.Rubric : ChartPalette.Version;
            g.DrawString(label, style.Small, new XSolidBrush(color), pivot.X, pivot.Y + 1.5, XStringFormats.TopLeft);
            g.Restore(state);
        }
    }

    private void DrawNoData(XGraphics g, XRect plot, ReportChart chart)
    {
        var missing = new[] { chart.Bench, chart.Metric }.Where(s => s.Points.Count == 0).Select(s => SafeText.Line(s.Name)).ToList();
        if (missing.Count == 0) return;
        var text = measure.Shorten("No data in this period for " + string.Join(" and ", missing) + ".", style.Body, plot.Width - 12);
        var width = measure.Width(text, style.Body);
        g.DrawString(text, style.Body, style.MutedBrush, plot.Left + (plot.Width - width) / 2, plot.Top + plot.Height / 2 - 5, XStringFormats.TopLeft);
    }

    private void DrawLegend(XGraphics g, double y, ReportChart chart, string metricName)
    {
        var entries = new List<(Action<double, double> Swatch, string Text)>
        {
            ((sx, sy) => g.DrawLine(ChartPalette.Line(ChartPalette.Bench), sx, sy, sx + 14, sy), "Bench pass rate (left axis)"),
            ((sx, sy) => g.DrawLine(ChartPalette.Line(ChartPalette.Metric), sx, sy, sx + 14, sy),
                measure.Shorten(metricName, style.Small, 150) + " (right axis)"),
            ((sx, sy) =>
            {
                g.DrawRectangle(new XSolidBrush(ChartPalette.Band(ChartPalette.Bench)), sx, sy - 4, 7, 8);
                g.DrawRectangle(new XSolidBrush(ChartPalette.Band(ChartPalette.Metric)), sx + 7, sy - 4, 7, 8);
            }, "95 % interval"),
        };
        if (chart.Markers.Any(m => m.Kind == ReportMarkerKind.Version))
            entries.Add(((sx, sy) => g.DrawLine(ChartPalette.VersionMarker(), sx, sy, sx + 14, sy), "Version live"));
        if (chart.Markers.Any(m => m.Kind == ReportMarkerKind.Rubric))
            entries.Add(((sx, sy) => g.DrawLine(ChartPalette.RubricMarker(), sx, sy, sx + 14, sy), "Rubric version"));

        var x = flow.Left;
        foreach (var (swatch, text) in entries)
        {
            var width = 18 + measure.Width(text, style.Small) + 12;
            if (x + width > flow.Right)
            {
                x = flow.Left;
                y += 10;
            }
            swatch(x, y + 4);
            g.DrawString(text, style.Small, style.InkBrush, x + 18, y, XStringFormats.TopLeft);
            x += width;
        }
    }
}
