using PdfSharp.Drawing;

namespace BenchDashboard.Features.Reports.Pdf.Charts;

/// <summary>
/// The chart colours and strokes: the two series differ in hue and in lightness (readable in greyscale), bands are the
/// series colour at low opacity, version markers are dashed grey and rubric markers dash-dotted purple.
/// </summary>
internal static class ChartPalette
{
    public static readonly XColor Bench = XColor.FromArgb(0x1F, 0x5F, 0xBF);
    public static readonly XColor Metric = XColor.FromArgb(0xC2, 0x56, 0x0A);
    public static readonly XColor Version = XColor.FromArgb(0x4B, 0x55, 0x63);
    public static readonly XColor Rubric = XColor.FromArgb(0x7E, 0x3B, 0xA6);
    public static readonly XColor Grid = XColor.FromArgb(0xE3, 0xE7, 0xEC);

    /// <summary>A band's fill: the series colour at about a fifth opacity, so an overlapping band and line stay visible.</summary>
    public static XColor Band(XColor series) => XColor.FromArgb(56, series.R, series.G, series.B);

    public static XPen Line(XColor color) => new(color, 1.4) { LineJoin = XLineJoin.Round, LineCap = XLineCap.Round };

    public static XPen VersionMarker() => new(Version, 0.8) { DashStyle = XDashStyle.Dash };

    public static XPen RubricMarker() => new(Rubric, 0.9) { DashStyle = XDashStyle.DashDot };
}
