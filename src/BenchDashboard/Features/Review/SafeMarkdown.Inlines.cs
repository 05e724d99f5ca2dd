using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace BenchDashboard.Features.Review;

/// <summary>Inline parsing of <see cref="SafeMarkdown"/>: code spans, emphasis (CommonMark's delimiter algorithm), safe links.</summary>
internal static partial class SafeMarkdown
{
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
}
