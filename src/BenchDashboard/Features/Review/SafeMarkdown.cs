using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace BenchDashboard.Features.Review;

/// <summary>
/// Parses and renders a small Markdown subset from untrusted text (production traces: user and model text, possibly
/// hostile) without ever letting HTML through.
/// <list type="bullet">
/// <item>Blocks: paragraphs (blank-line separated, single newlines become line breaks), ATX headings, flat bullet and
/// ordered lists, fenced code blocks (```), blockquotes (nested at most <see cref="MaxQuoteDepth"/> deep) and
/// horizontal rules.</item>
/// <item>Inlines: <c>`code`</c>, <c>**strong**</c>, <c>*em*</c>/<c>_em_</c>, backslash escapes and links to absolute
/// http(s) URLs only. Any other link renders as the text "text (url)"; images render as their alt text and URL,
/// never as an image (loading it would tell a third party that a reviewer opened the trace).</item>
/// <item>Rendering goes through <see cref="RenderTreeBuilder"/> elements and <c>AddContent</c> only, never
/// <c>MarkupString</c>/<c>AddMarkupContent</c>: HTML in the input always shows as text.</item>
/// <item>Everything is linear in the input: a hand-written scanner, no regular expressions, CommonMark's delimiter
/// algorithm with its "openers bottom" bound for emphasis, precomputed lookups for code spans and links. Nothing
/// recurses on input-controlled depth: blockquotes stop at <see cref="MaxQuoteDepth"/>, inline elements are opened
/// at most <see cref="MaxInlineDepth"/> deep by an iterative renderer.</item>
/// </list>
/// Deliberately not supported: raw HTML, entities (shown as typed), setext headings, indented code blocks, nested
/// lists, tables, link titles and reference links.
/// </summary>
internal static partial class SafeMarkdown
{
    /// <summary>Deepest blockquote nesting; further <c>&gt;</c> markers are shown as text.</summary>
    public const int MaxQuoteDepth = 8;

    /// <summary>Deepest nesting of inline elements (strong, em, a…); deeper emphasis renders its text without the element.</summary>
    public const int MaxInlineDepth = 16;

    /// <summary>A render fragment showing <paramref name="text"/> as sanitized Markdown.</summary>
    public static RenderFragment ToFragment(string? text)
    {
        var blocks = Parse(text);
        return builder => Render(builder, blocks);
    }

    // ───────────────────────────── Block parsing ─────────────────────────────

    /// <summary>Parses <paramref name="text"/> into blocks.</summary>
    public static IReadOnlyList<MdBlock> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        return ParseBlocks(lines, 0);
    }

    private static List<MdBlock> ParseBlocks(IReadOnlyList<string> lines, int depth)
    {
        var blocks = new List<MdBlock>();
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            var ind = LeadingWhitespace(line);
            if (ind == line.Length) { i++; continue; }

            if (IsFenceOpening(line, ind, out var fenceLength))
            {
                i = ParseFence(lines, i + 1, ind, fenceLength, out var code);
                blocks.Add(new MdCodeBlock(code));
                continue;
            }
            if (HeadingLevel(line, ind) is var level and > 0)
            {
                blocks.Add(new MdHeading(level, ParseInlines(HeadingContent(line, ind + level), allowLinks: true)));
                i++;
                continue;
            }
            if (IsThematicBreak(line, ind))
            {
                blocks.Add(new MdRule());
                i++;
                continue;
            }
            if (line[ind] == '>' && depth < MaxQuoteDepth)
            {
                var inner = new List<string>();
                while (i < lines.Count && LeadingWhitespace(lines[i]) is var qi && qi < lines[i].Length && lines[i][qi] == '>')
                {
                    var l = lines[i];
                    var start = qi + 1;
                    if (start < l.Length && (l[start] == ' ' || l[start] == '\t')) start++;
                    inner.Add(l[start..]);
                    i++;
                }
                blocks.Add(new MdQuote(ParseBlocks(inner, depth + 1)));
                continue;
            }
            if (TryListMarker(line, ind, out var marker))
            {
                i = ParseList(lines, i, depth, marker, out var list);
                blocks.Add(list);
                continue;
            }

            // Paragraph: runs until a blank line or a line that starts another block.
            var sb = new StringBuilder(line.Trim());
            i++;
            while (i < lines.Count && !InterruptsParagraph(lines[i], depth))
            {
                sb.Append('\n').Append(lines[i].Trim());
                i++;
            }
            blocks.Add(new MdParagraph(ParseInlines(sb.ToString(), allowLinks: true)));
        }
        return blocks;
    }

    /// <summary>Collects a fenced code block's lines; an unclosed fence runs to the end of its container, as in CommonMark
    /// (a truncated model answer ends inside its code block).</summary>
    private static int ParseFence(IReadOnlyList<string> lines, int i, int indent, int fenceLength, out string code)
    {
        var sb = new StringBuilder();
        var first = true;
        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            var ind = LeadingWhitespace(line);
            if (IsFenceClosing(line, ind, fenceLength)) { i++; break; }
            if (!first) sb.Append('\n');
            first = false;
            // Drop at most the opening fence's indentation, so an indented fence's content lines up.
            var drop = 0;
            while (drop < indent && drop < line.Length && line[drop] == ' ') drop++;
            sb.Append(line, drop, line.Length - drop);
        }
        code = sb.ToString();
        return i;
    }

    private static int ParseList(IReadOnlyList<string> lines, int i, int depth, ListMarker marker, out MdList list)
    {
        var items = new List<IReadOnlyList<MdInline>>();
        var current = new StringBuilder(lines[i][marker.ContentStart..].TrimEnd());
        i++;
        while (i < lines.Count)
        {
            var line = lines[i];
            var ind = LeadingWhitespace(line);
            if (ind == line.Length)
            {
                // A blank line ends the list unless the next non-blank line is another item of it.
                var j = i + 1;
                while (j < lines.Count && LeadingWhitespace(lines[j]) == lines[j].Length) j++;
                if (j < lines.Count && TryListMarker(lines[j], LeadingWhitespace(lines[j]), out var next) && next.SameListAs(marker))
                {
                    i = j;
                    continue;
                }
                break;
            }
            if (IsThematicBreak(line, ind)) break;
            if (TryListMarker(line, ind, out var m))
            {
                if (!m.SameListAs(marker)) break;
                items.Add(ParseInlines(current.ToString(), allowLinks: true));
                current.Clear().Append(line[m.ContentStart..].TrimEnd());
                i++;
                continue;
            }
            if (StartsNonParagraphBlock(line, ind, depth)) break;
            current.Append('\n').Append(line.Trim()); // continuation line of the item
            i++;
        }
        items.Add(ParseInlines(current.ToString(), allowLinks: true));
        list = new MdList(marker.Ordered, marker.Number, items);
        return i;
    }

    private static bool InterruptsParagraph(string line, int depth)
    {
        var ind = LeadingWhitespace(line);
        if (ind == line.Length) return true;
        if (StartsNonParagraphBlock(line, ind, depth) || IsThematicBreak(line, ind)) return true;
        // As in CommonMark: only a non-empty item, and for ordered lists only one numbered 1, interrupts a paragraph,
        // so "in the year\n1984. we…" stays a paragraph.
        return TryListMarker(line, ind, out var m) && m.ContentStart < line.Length && (!m.Ordered || m.Number == 1);
    }

    private static bool StartsNonParagraphBlock(string line, int ind, int depth) =>
        IsFenceOpening(line, ind, out _) || HeadingLevel(line, ind) > 0 || (line[ind] == '>' && depth < MaxQuoteDepth);

    private static int LeadingWhitespace(string line)
    {
        var i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) i++;
        return i;
    }

    private static int RunLength(string s, int i, char c)
    {
        var j = i;
        while (j < s.Length && s[j] == c) j++;
        return j - i;
    }

    private static bool IsFenceOpening(string line, int ind, out int length)
    {
        length = RunLength(line, ind, '`');
        // As in CommonMark, a backtick fence's info string holds no backtick: "```x```" is inline code, not a fence.
        return length >= 3 && line.IndexOf('`', ind + length) < 0;
    }

    private static bool IsFenceClosing(string line, int ind, int openingLength)
    {
        var length = RunLength(line, ind, '`');
        return length >= openingLength && LeadingWhitespace(line[(ind + length)..]) == line.Length - ind - length;
    }

    private static int HeadingLevel(string line, int ind)
    {
        var level = RunLength(line, ind, '#');
        if (level is < 1 or > 6) return 0;
        var after = ind + level;
        return after == line.Length || line[after] == ' ' || line[after] == '\t' ? level : 0;
    }

    private static string HeadingContent(string line, int start)
    {
        var content = line[start..].Trim();
        // An optional closing sequence of '#' (preceded by a space, or making up the whole content) is dropped.
        var end = content.Length;
        while (end > 0 && content[end - 1] == '#') end--;
        if (end == 0) return "";
        if (end < content.Length && (content[end - 1] == ' ' || content[end - 1] == '\t')) return content[..end].TrimEnd();
        return content;
    }

    private static bool IsThematicBreak(string line, int ind)
    {
        var c = line[ind];
        if (c is not ('-' or '*' or '_')) return false;
        var count = 0;
        for (var i = ind; i < line.Length; i++)
        {
            if (line[i] == c) count++;
            else if (line[i] != ' ' && line[i] != '\t') return false;
        }
        return count >= 3;
    }

    private readonly record struct ListMarker(bool Ordered, char Delimiter, int Number, int ContentStart)
    {
        public bool SameListAs(ListMarker other) => Ordered == other.Ordered && Delimiter == other.Delimiter;
    }

    private static bool TryListMarker(string line, int ind, out ListMarker marker)
    {
        marker = default;
        int after;
        bool ordered;
        char delimiter;
        var number = 1;
        if (line[ind] is '-' or '*' or '+')
        {
            ordered = false;
            delimiter = line[ind];
            after = ind + 1;
        }
        else
        {
            var digits = 0;
            while (ind + digits < line.Length && char.IsAsciiDigit(line[ind + digits])) digits++;
            if (digits is 0 or > 9 || ind + digits >= line.Length || line[ind + digits] is not ('.' or ')')) return false;
            ordered = true;
            delimiter = line[ind + digits];
            number = int.Parse(line.AsSpan(ind, digits), provider: System.Globalization.CultureInfo.InvariantCulture);
            after = ind + digits + 1;
        }
        if (after < line.Length && line[after] != ' ' && line[after] != '\t') return false;
        var content = after;
        while (content < line.Length && (line[content] == ' ' || line[content] == '\t')) content++;
        marker = new ListMarker(ordered, delimiter, number, content);
        return true;
    }
}
