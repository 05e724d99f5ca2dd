using BenchDashboard.Features.Reports.Pdf.Text;
using PdfSharp.Drawing;

namespace BenchDashboard.Features.Reports.Pdf.Layout;

/// <summary>
/// Draws a table across as many pages as it needs: cells wrap within their column, the header row is drawn again at the
/// top of every page the table continues on, a row that fits on a fresh page is never split, and a row taller than a
/// whole page (a very long rationale) is split line by line. On each page it continues on, a muted line above the header
/// names what the table belongs to ("Audit 12: v1.5 → v1.6 (continued)"), so a loose page still says whose rows it shows.
/// </summary>
internal sealed class TableWriter(PageFlow flow, ReportStyle style, TextMeasure measure)
{
    private const double Pad = 3;

    public void Write(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string?>> rows, string? context)
    {
        var continued = measure.Shorten(SafeText.Line(context is null ? "(continued)" : context + " (continued)"), style.Small, flow.Width);
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => flow.Width * c.Weight / total).ToArray();
        var lh = ReportStyle.LineHeight(style.Cell);
        var header = columns.Select((c, i) => measure.Wrap(SafeText.Line(c.Header), style.CellBold, widths[i] - 2 * Pad)).ToArray();
        var headerHeight = header.Max(l => l.Count) * ReportStyle.LineHeight(style.CellBold) + 2 * Pad;
        var bodyHeight = flow.Bottom - flow.Top;

        flow.EnsureRoom(headerHeight + lh + 2 * Pad);
        DrawHeader(header, widths, headerHeight);

        foreach (var row in rows)
        {
            var cells = widths.Select((w, i) => measure.Wrap(SafeText.Block(i < row.Count ? row[i] : null), style.Cell, w - 2 * Pad)).ToArray();
            var lines = cells.Max(c => c.Count);
            var rowHeight = lines * lh + 2 * Pad;
            if (rowHeight > flow.Remaining && rowHeight <= bodyHeight - headerHeight)
            {
                NewPage(continued);
                DrawHeader(header, widths, headerHeight);
            }
            var done = 0;
            while (done < lines)
            {
                var fit = (int)Math.Floor((flow.Remaining - 2 * Pad) / lh);
                if (fit < 1)
                {
                    NewPage(continued);
                    DrawHeader(header, widths, headerHeight);
                    continue;
                }
                var count = Math.Min(fit, lines - done);
                DrawRowSlice(cells, widths, done, count, lh);
                done += count;
            }
        }
        flow.Y += 4;
    }

    private void NewPage(string continued)
    {
        flow.NewPage();
        flow.Graphics.DrawString(continued, style.Small, style.MutedBrush, flow.Left, flow.Y, XStringFormats.TopLeft);
        flow.Y += ReportStyle.LineHeight(style.Small) + 2;
    }

    private void DrawHeader(IReadOnlyList<string>[] header, double[] widths, double height)
    {
        var g = flow.Graphics;
        g.DrawRectangle(style.HeaderBrush, flow.Left, flow.Y, flow.Width, height);
        var x = flow.Left;
        var lh = ReportStyle.LineHeight(style.CellBold);
        for (var c = 0; c < widths.Length; c++)
        {
            for (var l = 0; l < header[c].Count; l++)
                if (header[c][l].Length > 0) g.DrawString(header[c][l], style.CellBold, style.InkBrush, x + Pad, flow.Y + Pad + l * lh, XStringFormats.TopLeft);
            x += widths[c];
        }
        flow.Y += height;
        g.DrawLine(style.RulePen, flow.Left, flow.Y, flow.Right, flow.Y);
    }

    private void DrawRowSlice(IReadOnlyList<string>[] cells, double[] widths, int from, int count, double lh)
    {
        var g = flow.Graphics;
        var x = flow.Left;
        for (var c = 0; c < widths.Length; c++)
        {
            for (var l = from; l < Math.Min(from + count, cells[c].Count); l++)
                if (cells[c][l].Length > 0) g.DrawString(cells[c][l], style.Cell, style.InkBrush, x + Pad, flow.Y + Pad + (l - from) * lh, XStringFormats.TopLeft);
            x += widths[c];
        }
        flow.Y += count * lh + 2 * Pad;
        g.DrawLine(style.RulePen, flow.Left, flow.Y, flow.Right, flow.Y);
    }
}
