using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BenchDashboard.Features.Reports.Pdf.Layout;

/// <summary>
/// The pages of one render and the cursor on the current one: A4 portrait, fixed margins, content flowing down and onto a
/// new page when the next block does not fit. Blocks ask <see cref="EnsureRoom"/> before drawing; the footer band below
/// <see cref="Bottom"/> is left for <see cref="PageFooter"/>, drawn once the page count is known.
/// </summary>
internal sealed class PageFlow(PdfDocument document) : IDisposable
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Margin = 50;
    public const double TopMargin = 54;
    public const double BottomMargin = 66;

    private XGraphics? graphics;

    public double Left => Margin;
    public double Right => PageWidth - Margin;
    public double Width => Right - Left;
    public double Top => TopMargin;
    public double Bottom => PageHeight - BottomMargin;

    /// <summary>Where the next block starts on the current page.</summary>
    public double Y { get; set; }

    public PdfPage Page { get; private set; } = null!;

    public XGraphics Graphics => graphics ?? throw new InvalidOperationException("No page yet: call NewPage first.");

    /// <summary>Room left on the current page.</summary>
    public double Remaining => Bottom - Y;

    /// <summary>True when nothing was drawn yet on the current page.</summary>
    public bool AtTop => Y <= Top + 0.01;

    public void NewPage()
    {
        graphics?.Dispose();
        Page = document.AddPage();
        // A4 portrait, 210 × 297 mm, set in points so the layout constants above are exact.
        Page.Width = XUnit.FromPoint(PageWidth);
        Page.Height = XUnit.FromPoint(PageHeight);
        graphics = XGraphics.FromPdfPage(Page);
        Y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits on this one (or this page is still empty, in which
    /// case the caller must split what it draws).</summary>
    public void EnsureRoom(double height)
    {
        if (graphics is null || (Remaining < height && !AtTop)) NewPage();
    }

    public void Dispose()
    {
        graphics?.Dispose();
        graphics = null;
    }
}
