using BenchDashboard.Features.Reports.Pdf.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BenchDashboard.Features.Reports.Pdf.Layout;

/// <summary>
/// The report's typography and colours in one place (decision 0035): DejaVu Sans regular and bold, Unicode encoding,
/// embedded as subsets. Colours are dark enough to print in greyscale; the two series differ in hue and in lightness.
/// </summary>
internal sealed class ReportStyle
{
    private static readonly XPdfFontOptions Embedded = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);

    // Static, so the resolver is in place before the instance initializers below create the first XFont.
    static ReportStyle() => ReportFontSetup.EnsureInstalled();

    public XFont Title { get; } = Font(22, bold: true);
    public XFont Heading { get; } = Font(14, bold: true);
    public XFont Subheading { get; } = Font(10.5, bold: true);
    public XFont Body { get; } = Font(9);
    public XFont BodyBold { get; } = Font(9, bold: true);
    public XFont Cell { get; } = Font(8);
    public XFont CellBold { get; } = Font(8, bold: true);
    public XFont Small { get; } = Font(7);
    public XFont Cover { get; } = Font(12);
    public XFont CoverBold { get; } = Font(12, bold: true);

    public static readonly XColor Ink = XColor.FromArgb(0x1F, 0x23, 0x28);
    public static readonly XColor Muted = XColor.FromArgb(0x5A, 0x63, 0x6E);
    public static readonly XColor Rule = XColor.FromArgb(0xC5, 0xCB, 0xD3);
    public static readonly XColor HeaderFill = XColor.FromArgb(0xEC, 0xEF, 0xF3);
    public static readonly XColor Accent = XColor.FromArgb(0x1D, 0x4E, 0x89);

    public XBrush InkBrush { get; } = new XSolidBrush(Ink);
    public XBrush MutedBrush { get; } = new XSolidBrush(Muted);
    public XBrush HeaderBrush { get; } = new XSolidBrush(HeaderFill);
    public XBrush AccentBrush { get; } = new XSolidBrush(Accent);
    public XPen RulePen { get; } = new(Rule, 0.5);
    public XPen AccentPen { get; } = new(Accent, 1.2);

    /// <summary>Line height of a font: 1.3 em, fixed rather than read from the font so layout is easy to predict.</summary>
    public static double LineHeight(XFont font) => font.Size * 1.3;

    private static XFont Font(double size, bool bold = false) =>
        new(DejaVuFaces.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Embedded);
}
