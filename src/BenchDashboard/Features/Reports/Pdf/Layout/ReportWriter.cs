using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Charts;
using BenchDashboard.Features.Reports.Pdf.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BenchDashboard.Features.Reports.Pdf.Layout;

/// <summary>
/// The blocks the sections are written in: headings, wrapped paragraphs, key/value blocks, tables and charts, each
/// flowing onto a new page when it runs out of room. Every string passes through <see cref="SafeText"/> here, so a
/// section cannot draw untrusted text unchecked.
/// </summary>
internal sealed class ReportWriter(PdfDocument document, PageFlow flow, ReportStyle style, TextMeasure measure)
{
    private const double KeyWidth = 150;
    private readonly TableWriter tables = new(flow, style, measure);
    private readonly ChartDrawer charts = new(flow, style, measure);

    /// <summary>The heading currently in force, named above a table's continuation on later pages.</summary>
    private string? context;

    public ReportStyle Style => style;
    public PageFlow Flow => flow;

    /// <summary>A section heading, kept with at least a few lines of what follows, and a bookmark in the PDF outline.</summary>
    public void Section(string title)
    {
        if (!flow.AtTop) flow.Y += 14;
        var h = ReportStyle.LineHeight(style.Heading);
        flow.EnsureRoom(h + 70);
        document.Outlines.Add(title, flow.Page, true);
        context = title;
        flow.Graphics.DrawString(SafeText.Line(title), style.Heading, style.AccentBrush, flow.Left, flow.Y, XStringFormats.TopLeft);
        flow.Y += h + 2;
        flow.Graphics.DrawLine(style.AccentPen, flow.Left, flow.Y, flow.Right, flow.Y);
        flow.Y += 8;
    }

    /// <summary>A heading inside a section (a round, a review, a chart), which may carry untrusted text.</summary>
    public void Subheading(string text)
    {
        if (!flow.AtTop) flow.Y += 8;
        var lh = ReportStyle.LineHeight(style.Subheading);
        var lines = measure.Wrap(SafeText.Line(text), style.Subheading, flow.Width);
        context = text;
        flow.EnsureRoom(lines.Count * lh + 50);
        foreach (var line in lines) DrawLine(line, style.Subheading, style.InkBrush, flow.Left, lh);
        flow.Y += 3;
    }

    public void Paragraph(string? text) => Paragraph(text, style.Body, style.InkBrush);

    /// <summary>A muted sentence, e.g. that a list is empty.</summary>
    public void Note(string text) => Paragraph(text, style.Body, style.MutedBrush);

    public void Paragraph(string? text, XFont font, XBrush brush, double indent = 0)
    {
        var lh = ReportStyle.LineHeight(font);
        foreach (var line in measure.Wrap(SafeText.Block(text), font, flow.Width - indent))
        {
            flow.EnsureRoom(lh);
            DrawLine(line, font, brush, flow.Left + indent, lh);
        }
        flow.Y += 4;
    }

    /// <summary>Labels on the left, values wrapped on the right; a long value continues on the next page.</summary>
    public void KeyValues(IEnumerable<(string Key, string? Value)> pairs, XFont? valueFont = null)
    {
        var font = valueFont ?? style.Body;
        var lh = ReportStyle.LineHeight(style.Body);
        foreach (var (key, value) in pairs)
        {
            var keys = measure.Wrap(SafeText.Line(key), style.BodyBold, KeyWidth - 8);
            var values = measure.Wrap(SafeText.Block(value), font, flow.Width - KeyWidth);
            var lines = Math.Max(keys.Count, values.Count);
            flow.EnsureRoom(Math.Min(lines, 3) * lh);
            for (var i = 0; i < lines; i++)
            {
                flow.EnsureRoom(lh);
                var g = flow.Graphics;
                if (i < keys.Count && keys[i].Length > 0) g.DrawString(keys[i], style.BodyBold, style.MutedBrush, flow.Left, flow.Y, XStringFormats.TopLeft);
                if (i < values.Count && values[i].Length > 0) g.DrawString(values[i], font, style.InkBrush, flow.Left + KeyWidth, flow.Y, XStringFormats.TopLeft);
                flow.Y += lh;
            }
            flow.Y += 1.5;
        }
        flow.Y += 4;
    }

    public void Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string?>> rows) => tables.Write(columns, rows, context);

    public void Chart(ReportChart chart, DateOnly from, DateOnly to) => charts.Draw(chart, from, to);

    public void Space(double points) => flow.Y += points;

    private void DrawLine(string line, XFont font, XBrush brush, double x, double lh)
    {
        if (line.Length > 0) flow.Graphics.DrawString(line, font, brush, x, flow.Y, XStringFormats.TopLeft);
        flow.Y += lh;
    }
}
