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
internal static class SafeMarkdown
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

    // ───────────────────────────── Inline parsing ─────────────────────────────

    /// <summary>A node of the doubly linked token list the inline parser builds; delimiter runs are also linked into
    /// the delimiter stack of CommonMark's emphasis algorithm.</summary>
    private sealed class Tok
    {
        public Tok? Prev, Next;
        public MdInline? Node; // null for a delimiter run (and the sentinels)
        public char Ch;
        public int Count, Original, Index;
        public bool CanOpen, CanClose;
        public Tok? PrevDelim, NextDelim;
    }

    internal static List<MdInline> ParseInlines(string s, bool allowLinks)
    {
        var head = new Tok();
        var tail = new Tok();
        head.Next = tail;
        tail.Prev = head;
        Tok? firstDelim = null, lastDelim = null;
        var index = 0;
        var text = new StringBuilder();

        void Append(Tok t)
        {
            t.Index = index++;
            t.Prev = tail.Prev;
            t.Next = tail;
            tail.Prev!.Next = t;
            tail.Prev = t;
        }
        void Flush()
        {
            if (text.Length == 0) return;
            Append(new Tok { Node = new MdText(text.ToString()) });
            text.Clear();
        }

        var ticks = s.Contains('`') ? new BacktickIndex(s) : null;
        var links = allowLinks && s.Contains('[') ? new LinkScanner(s) : null;
        var n = s.Length;
        var i = 0;
        while (i < n)
        {
            var c = s[i];
            if (c == '\\' && i + 1 < n && IsAsciiPunctuation(s[i + 1]))
            {
                text.Append(s[i + 1]); // backslash escape of ASCII punctuation
                i += 2;
            }
            else if (c == '`')
            {
                var m = RunLength(s, i, '`');
                var close = ticks!.FindClosing(i + m, m);
                if (close < 0)
                {
                    text.Append('`', m);
                    i += m;
                    continue;
                }
                var code = s[(i + m)..close].Replace('\n', ' ');
                if (code.Length >= 2 && code[0] == ' ' && code[^1] == ' ' && code.AsSpan().Trim(' ').Length > 0) code = code[1..^1];
                Flush();
                Append(new Tok { Node = new MdCode(code) });
                i = close + m;
            }
            else if (c is '*' or '_')
            {
                var m = RunLength(s, i, c);
                var before = i > 0 ? s[i - 1] : '\n';
                var after = i + m < n ? s[i + m] : '\n';
                var left = !char.IsWhiteSpace(after) && (!IsPunctuation(after) || char.IsWhiteSpace(before) || IsPunctuation(before));
                var right = !char.IsWhiteSpace(before) && (!IsPunctuation(before) || char.IsWhiteSpace(after) || IsPunctuation(after));
                Flush();
                var d = new Tok
                {
                    Ch = c, Count = m, Original = m,
                    CanOpen = c == '*' ? left : left && (!right || IsPunctuation(before)),
                    CanClose = c == '*' ? right : right && (!left || IsPunctuation(after)),
                };
                Append(d);
                if (lastDelim is null) firstDelim = d;
                else { lastDelim.NextDelim = d; d.PrevDelim = lastDelim; }
                lastDelim = d;
                i += m;
            }
            else if (c == '\n')
            {
                Flush();
                Append(new Tok { Node = new MdBreak() });
                i++;
            }
            else if (c == '!' && links is not null && i + 1 < n && s[i + 1] == '[' && links.TryParse(i + 1, out var image))
            {
                Flush();
                Append(new Tok { Node = new MdImageText(image.Text, image.Url) });
                i = image.End;
            }
            else if (c == '[' && links is not null && links.TryParse(i, out var link))
            {
                Flush();
                var children = ParseInlines(link.Text, allowLinks: false); // link text never holds a link: recursion depth 1
                Append(new Tok
                {
                    Node = TryGetSafeHref(link.Url, out var href)
                        ? new MdLink(href, children)
                        : new MdPlainLink([.. children, new MdText($" ({link.Url})")]),
                });
                i = link.End;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
        Flush();
        ProcessEmphasis(firstDelim);
        return Collect(head.Next!, tail);
    }

    private static bool IsPunctuation(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

    private static bool IsAsciiPunctuation(char c) => c is > ' ' and < '\x7f' && !char.IsAsciiLetterOrDigit(c);

    /// <summary>CommonMark's "process emphasis" (spec 0.31, section 6.2) over the delimiter stack, with the per-kind
    /// lower bound on opener searches that keeps it linear.</summary>
    private static void ProcessEmphasis(Tok? firstDelim)
    {
        // Key: delimiter char (2) × closer can open (2) × closer length mod 3 (3). Value: index at or below which no
        // opener is left for such closers.
        var bottoms = new int[12];
        Array.Fill(bottoms, -1);
        var current = firstDelim;
        while (current is not null)
        {
            if (!current.CanClose)
            {
                current = current.NextDelim;
                continue;
            }
            var key = (current.Ch == '*' ? 0 : 6) + (current.CanOpen ? 3 : 0) + current.Original % 3;
            var opener = current.PrevDelim;
            var found = false;
            while (opener is not null && opener.Index > bottoms[key])
            {
                if (opener.Ch == current.Ch && opener.CanOpen)
                {
                    var oddMatch = (opener.CanClose || current.CanOpen)
                        && (opener.Original + current.Original) % 3 == 0
                        && !(opener.Original % 3 == 0 && current.Original % 3 == 0);
                    if (!oddMatch) { found = true; break; }
                }
                opener = opener.PrevDelim;
            }

            if (!found)
            {
                bottoms[key] = current.PrevDelim?.Index ?? -1;
                var next = current.NextDelim;
                if (!current.CanOpen) RemoveDelim(current);
                current = next;
                continue;
            }

            var use = current.Count >= 2 && opener!.Count >= 2 ? 2 : 1;
            opener!.Count -= use;
            current.Count -= use;
            var emphasis = new Tok { Node = new MdEmphasis(use == 2, Collect(opener.Next!, current)) };
            opener.Next = emphasis;
            emphasis.Prev = opener;
            emphasis.Next = current;
            current.Prev = emphasis;
            // Delimiters between opener and closer are now text inside the emphasis: drop them from the stack.
            opener.NextDelim = current;
            current.PrevDelim = opener;
            if (opener.Count == 0)
            {
                RemoveTok(opener);
                RemoveDelim(opener);
            }
            if (current.Count == 0)
            {
                var next = current.NextDelim;
                RemoveTok(current);
                RemoveDelim(current);
                current = next;
            }
        }
    }

    private static void RemoveDelim(Tok d)
    {
        if (d.PrevDelim is not null) d.PrevDelim.NextDelim = d.NextDelim;
        if (d.NextDelim is not null) d.NextDelim.PrevDelim = d.PrevDelim;
        d.PrevDelim = d.NextDelim = null;
    }

    private static void RemoveTok(Tok t)
    {
        t.Prev!.Next = t.Next;
        t.Next!.Prev = t.Prev;
    }

    /// <summary>Tokens from <paramref name="from"/> up to (excluding) <paramref name="end"/> as inlines; leftover
    /// delimiters become text, adjacent texts are merged.</summary>
    private static List<MdInline> Collect(Tok from, Tok end)
    {
        var result = new List<MdInline>();
        var text = new StringBuilder();
        for (var t = from; t != end; t = t.Next!)
        {
            if (t.Node is MdText plain) text.Append(plain.Text);
            else if (t.Node is null) text.Append(t.Ch, t.Count);
            else
            {
                if (text.Length > 0) { result.Add(new MdText(text.ToString())); text.Clear(); }
                result.Add(t.Node);
            }
        }
        if (text.Length > 0) result.Add(new MdText(text.ToString()));
        return result;
    }

    /// <summary>Absolute http and https URLs only: no javascript:, data:, vbscript:, relative or protocol-relative ones.</summary>
    internal static bool TryGetSafeHref(string url, out string href)
    {
        href = "";
        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) return false;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return false;
        if (string.IsNullOrEmpty(uri.Host)) return false;
        href = uri.AbsoluteUri;
        return true;
    }

    /// <summary>Finds the closing backtick run of a code span. Queries come in increasing position, so one cursor per
    /// run length makes all lookups together linear.</summary>
    private sealed class BacktickIndex
    {
        private readonly Dictionary<int, List<int>> runsByLength = [];
        private readonly Dictionary<int, int> cursors = [];

        public BacktickIndex(string s)
        {
            for (var i = 0; i < s.Length;)
            {
                if (s[i] != '`') { i++; continue; }
                var m = RunLength(s, i, '`');
                if (!runsByLength.TryGetValue(m, out var list)) runsByLength[m] = list = [];
                list.Add(i);
                i += m;
            }
        }

        public int FindClosing(int from, int length)
        {
            if (!runsByLength.TryGetValue(length, out var list)) return -1;
            var cursor = cursors.GetValueOrDefault(length);
            while (cursor < list.Count && list[cursor] < from) cursor++;
            cursors[length] = cursor;
            return cursor < list.Count ? list[cursor] : -1;
        }
    }

    private readonly record struct LinkMatch(string Text, string Url, int End);

    /// <summary>
    /// Recognises <c>[text](url)</c> in constant time per attempt from tables built in one pass: the next bracket,
    /// the next whitespace, and where the parenthesis balance first drops (the ')' closing the destination, so
    /// URLs with balanced parentheses such as Wikipedia's work). Link text holds no brackets.
    /// </summary>
    private sealed class LinkScanner
    {
        private readonly string s;
        private readonly int[] nextBracket, nextWhitespace, balanceDrop;

        public LinkScanner(string s)
        {
            this.s = s;
            var n = s.Length;
            nextBracket = new int[n + 1];
            nextWhitespace = new int[n + 1];
            nextBracket[n] = -1;
            nextWhitespace[n] = n;
            for (var i = n - 1; i >= 0; i--)
            {
                nextBracket[i] = s[i] is '[' or ']' ? i : nextBracket[i + 1];
                nextWhitespace[i] = char.IsWhiteSpace(s[i]) ? i : nextWhitespace[i + 1];
            }
            // balance[k] = '(' minus ')' in s[..k]; balanceDrop[k] = first k' > k with balance[k'] < balance[k]
            // (a "next smaller element" table, built right to left with a monotonic stack).
            var balance = new int[n + 1];
            for (var i = 0; i < n; i++) balance[i + 1] = balance[i] + (s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0);
            balanceDrop = new int[n + 1];
            var stack = new Stack<int>();
            for (var k = n; k >= 0; k--)
            {
                while (stack.Count > 0 && balance[stack.Peek()] >= balance[k]) stack.Pop();
                balanceDrop[k] = stack.Count > 0 ? stack.Peek() : -1;
                stack.Push(k);
            }
        }

        public bool TryParse(int open, out LinkMatch match)
        {
            match = default;
            var n = s.Length;
            var close = open + 1 < n ? nextBracket[open + 1] : -1;
            if (close < 0 || s[close] != ']' || close + 1 >= n || s[close + 1] != '(') return false;
            var start = close + 2;
            while (start < n && (s[start] == ' ' || s[start] == '\t')) start++;
            if (start >= n || balanceDrop[start] < 0) return false;
            var paren = balanceDrop[start] - 1; // the ')' that closes the destination
            var end = Math.Min(nextWhitespace[start], paren);
            if (end < paren)
            {
                // Only spaces may stand between the destination and its ')'.
                var k = end;
                while (k < paren && (s[k] == ' ' || s[k] == '\t')) k++;
                if (k != paren) return false;
            }
            match = new LinkMatch(s[(open + 1)..close], s[start..end], paren + 1);
            return true;
        }
    }

    // ───────────────────────────── Rendering ─────────────────────────────

    /// <summary>Writes <paramref name="blocks"/> as elements; all text goes through <c>AddContent</c>.</summary>
    public static void Render(RenderTreeBuilder builder, IReadOnlyList<MdBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case MdParagraph p:
                    builder.OpenElement(0, "p");
                    builder.AddAttribute(1, "dir", "auto");
                    RenderInlines(builder, p.Inlines);
                    builder.CloseElement();
                    break;
                case MdHeading h:
                    // Trace text sits inside a page whose own outline uses h1–h3. Mapping # to h4, ## to h5 and the rest
                    // to h6 keeps a trace from inserting page-level headings: it cannot hijack screen-reader heading
                    // navigation or the visual hierarchy of the workbench around it.
                    builder.OpenElement(2, h.Level switch { 1 => "h4", 2 => "h5", _ => "h6" });
                    builder.AddAttribute(3, "dir", "auto");
                    RenderInlines(builder, h.Inlines);
                    builder.CloseElement();
                    break;
                case MdList l:
                    builder.OpenElement(4, l.Ordered ? "ol" : "ul");
                    builder.AddAttribute(5, "dir", "auto");
                    if (l.Ordered && l.Start != 1) builder.AddAttribute(6, "start", l.Start);
                    foreach (var item in l.Items)
                    {
                        builder.OpenElement(7, "li");
                        builder.AddAttribute(8, "dir", "auto");
                        RenderInlines(builder, item);
                        builder.CloseElement();
                    }
                    builder.CloseElement();
                    break;
                case MdCodeBlock c:
                    builder.OpenElement(9, "pre");
                    builder.AddAttribute(10, "class", "tt-code");
                    builder.AddAttribute(11, "dir", "auto");
                    builder.AddAttribute(12, "tabindex", "0"); // scrolls horizontally: keyboard users must reach it
                    builder.OpenElement(13, "code");
                    builder.AddContent(14, c.Code);
                    builder.CloseElement();
                    builder.CloseElement();
                    break;
                case MdQuote q:
                    builder.OpenElement(15, "blockquote");
                    builder.AddAttribute(16, "dir", "auto");
                    Render(builder, q.Blocks); // at most MaxQuoteDepth deep
                    builder.CloseElement();
                    break;
                case MdRule:
                    builder.OpenElement(17, "hr");
                    builder.CloseElement();
                    break;
            }
        }
    }

    private readonly record struct InlineFrame(IReadOnlyList<MdInline> Nodes, int Next, bool Opened);

    /// <summary>Iterative, so that 25,000 nested emphases cannot overflow the stack; elements beyond
    /// <see cref="MaxInlineDepth"/> are left out and only their content is rendered.</summary>
    private static void RenderInlines(RenderTreeBuilder builder, IReadOnlyList<MdInline> inlines)
    {
        var stack = new Stack<InlineFrame>();
        stack.Push(new InlineFrame(inlines, 0, false));
        var depth = 0;
        while (stack.Count > 0)
        {
            var frame = stack.Pop();
            if (frame.Next >= frame.Nodes.Count)
            {
                if (frame.Opened)
                {
                    builder.CloseElement();
                    depth--;
                }
                continue;
            }
            stack.Push(frame with { Next = frame.Next + 1 });
            switch (frame.Nodes[frame.Next])
            {
                case MdText t:
                    builder.AddContent(20, t.Text);
                    break;
                case MdBreak:
                    builder.OpenElement(21, "br");
                    builder.CloseElement();
                    break;
                case MdCode code:
                    builder.OpenElement(22, "code");
                    builder.AddContent(23, code.Code);
                    builder.CloseElement();
                    break;
                case MdImageText image:
                    builder.OpenElement(24, "span");
                    builder.AddAttribute(25, "class", "tt-image");
                    builder.AddContent(26, $"[image: {image.Alt}] ({image.Url})");
                    builder.CloseElement();
                    break;
                case MdEmphasis e:
                    stack.Push(new InlineFrame(e.Children, 0, Open(builder, ref depth, e.Strong ? "strong" : "em")));
                    break;
                case MdLink link:
                    var opened = Open(builder, ref depth, "a");
                    if (opened)
                    {
                        builder.AddAttribute(27, "href", link.Href);
                        builder.AddAttribute(28, "rel", "noopener noreferrer nofollow");
                        builder.AddAttribute(29, "target", "_blank");
                        builder.AddAttribute(30, "title", link.Href); // the real destination, whatever the text says
                    }
                    stack.Push(new InlineFrame(link.Children, 0, opened));
                    break;
                case MdPlainLink plain:
                    var spanOpened = Open(builder, ref depth, "span");
                    if (spanOpened) builder.AddAttribute(31, "class", "tt-link-text");
                    stack.Push(new InlineFrame(plain.Children, 0, spanOpened));
                    break;
            }
        }
    }

    private static bool Open(RenderTreeBuilder builder, ref int depth, string element)
    {
        if (depth >= MaxInlineDepth) return false;
        builder.OpenElement(19, element);
        depth++;
        return true;
    }
}

// ───────────────────────────── Tree ─────────────────────────────

/// <summary>A block of <see cref="SafeMarkdown"/>'s tree.</summary>
internal abstract class MdBlock;

internal sealed class MdParagraph(IReadOnlyList<MdInline> inlines) : MdBlock
{
    public IReadOnlyList<MdInline> Inlines { get; } = inlines;
}

/// <summary>An ATX heading; <see cref="Level"/> is the source level (1–6), not the rendered element.</summary>
internal sealed class MdHeading(int level, IReadOnlyList<MdInline> inlines) : MdBlock
{
    public int Level { get; } = level;
    public IReadOnlyList<MdInline> Inlines { get; } = inlines;
}

internal sealed class MdList(bool ordered, int start, IReadOnlyList<IReadOnlyList<MdInline>> items) : MdBlock
{
    public bool Ordered { get; } = ordered;
    public int Start { get; } = start;
    public IReadOnlyList<IReadOnlyList<MdInline>> Items { get; } = items;
}

internal sealed class MdCodeBlock(string code) : MdBlock
{
    public string Code { get; } = code;
}

internal sealed class MdQuote(IReadOnlyList<MdBlock> blocks) : MdBlock
{
    public IReadOnlyList<MdBlock> Blocks { get; } = blocks;
}

internal sealed class MdRule : MdBlock;

/// <summary>An inline of <see cref="SafeMarkdown"/>'s tree.</summary>
internal abstract class MdInline;

internal sealed class MdText(string text) : MdInline
{
    public string Text { get; } = text;
}

internal sealed class MdBreak : MdInline;

internal sealed class MdCode(string code) : MdInline
{
    public string Code { get; } = code;
}

internal sealed class MdEmphasis(bool strong, IReadOnlyList<MdInline> children) : MdInline
{
    public bool Strong { get; } = strong;
    public IReadOnlyList<MdInline> Children { get; } = children;
}

/// <summary>A link to an absolute http(s) URL; <see cref="Href"/> is the normalised URL.</summary>
internal sealed class MdLink(string href, IReadOnlyList<MdInline> children) : MdInline
{
    public string Href { get; } = href;
    public IReadOnlyList<MdInline> Children { get; } = children;
}

/// <summary>A link whose URL is not allowed: shown as "text (url)", not clickable.</summary>
internal sealed class MdPlainLink(IReadOnlyList<MdInline> children) : MdInline
{
    public IReadOnlyList<MdInline> Children { get; } = children;
}

/// <summary>An image, shown as its alt text and URL, never loaded.</summary>
internal sealed class MdImageText(string alt, string url) : MdInline
{
    public string Alt { get; } = alt;
    public string Url { get; } = url;
}
