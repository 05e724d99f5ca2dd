using System.Globalization;
using PdfSharp.Drawing;

namespace BenchDashboard.Features.Reports.Pdf.Text;

/// <summary>
/// Measures, wraps and shortens text for one render. Widths are cached per font and word, since reports repeat the same
/// words and labels many times. Wrapping breaks at spaces and, for a word wider than the line (a 400-character case id),
/// inside the word between user-perceived characters, so nothing ever runs past its box.
/// </summary>
internal sealed class TextMeasure : IDisposable
{
    private const string Ellipsis = "…";
    private readonly XGraphics context = XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
    private readonly Dictionary<(XFont, string), double> widths = [];

    public double Width(string text, XFont font)
    {
        if (text.Length == 0) return 0;
        if (!widths.TryGetValue((font, text), out var width))
        {
            width = context.MeasureString(text, font).Width;
            widths[(font, text)] = width;
        }
        return width;
    }

    /// <summary>The lines of already safe text (see <see cref="SafeText"/>) within <paramref name="width"/>, in visual order
    /// (<see cref="VisualOrder"/>; reordering does not change a line's width); "\n" starts a new line; an empty text is one
    /// empty line.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width) => WrapLogical(text, font, width).Select(VisualOrder.Of).ToList();

    private List<string> WrapLogical(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var space = Width(" ", font);
        foreach (var paragraph in text.Split('\n'))
        {
            var current = "";
            var currentWidth = 0.0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = Width(word, font);
                if (current.Length > 0 && currentWidth + space + w <= width)
                {
                    current += " " + word;
                    currentWidth += space + w;
                    continue;
                }
                if (current.Length > 0) lines.Add(current);
                if (w <= width)
                {
                    (current, currentWidth) = (word, w);
                    continue;
                }
                var pieces = BreakWord(word, font, width);
                lines.AddRange(pieces.Take(pieces.Count - 1));
                current = pieces[^1];
                currentWidth = Width(current, font);
            }
            lines.Add(current);
        }
        return lines;
    }

    /// <summary>One line in visual order: the text itself when it fits, else as much of it as fits followed by "…".</summary>
    public string Shorten(string text, XFont font, double width) => VisualOrder.Of(ShortenLogical(text, font, width));

    private string ShortenLogical(string text, XFont font, double width)
    {
        if (Width(text, font) <= width) return text;
        var elements = Elements(text);
        for (var keep = elements.Count - 1; keep > 0; keep--)
        {
            var candidate = string.Concat(elements.Take(keep)) + Ellipsis;
            if (Width(candidate, font) <= width) return candidate;
        }
        return Ellipsis;
    }

    private List<string> BreakWord(string word, XFont font, double width)
    {
        var pieces = new List<string>();
        var piece = "";
        var pieceWidth = 0.0;
        foreach (var element in Elements(word))
        {
            var w = Width(element, font);
            if (piece.Length > 0 && pieceWidth + w > width)
            {
                pieces.Add(piece);
                (piece, pieceWidth) = ("", 0);
            }
            piece += element;
            pieceWidth += w;
        }
        pieces.Add(piece);
        return pieces;
    }

    private static List<string> Elements(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext()) list.Add((string)e.Current);
        return list;
    }

    public void Dispose() => context.Dispose();
}
