using System.Buffers;
using System.Globalization;
using System.Text;
using BenchDashboard.Features.Reports.Pdf.Fonts;

namespace BenchDashboard.Features.Reports.Pdf.Text;

/// <summary>
/// The one gate every string passes before it is drawn. Report text is untrusted (project names, version labels,
/// rationales, case ids, trace-derived categories): it is only ever drawn as glyphs, never interpreted, and a character
/// the embedded faces cannot draw (emoji, control and bidi-override characters, lone surrogates) becomes one visible
/// replacement mark per user-perceived character, so it neither crashes the render nor vanishes silently.
/// </summary>
internal static class SafeText
{
    /// <summary>U+FFFD when DejaVu draws it, else "?".</summary>
    public static readonly string Replacement = GlyphCoverage.Has(0xFFFD) ? "\uFFFD" : "?";

    /// <summary>Text for one line: line breaks and tabs become spaces.</summary>
    public static string Line(string? text) => Clean(text, keepLineBreaks: false);

    /// <summary>Text that may span lines: CR LF, CR and LF become "\n", which the wrapper honours.</summary>
    public static string Block(string? text) => Clean(text, keepLineBreaks: true);

    private static string Clean(string? text, bool keepLineBreaks)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var normalized = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\t', ' ');
        var result = new StringBuilder(normalized.Length);
        var elements = StringInfo.GetTextElementEnumerator(normalized);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (element == "\n") result.Append(keepLineBreaks ? '\n' : ' ');
            else if (Drawable(element)) result.Append(element);
            else result.Append(Replacement);
        }
        return result.ToString();
    }

    private static bool Drawable(string element)
    {
        var span = element.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var used) != OperationStatus.Done) return false;
            var category = Rune.GetUnicodeCategory(rune);
            // Control and format characters (including the bidi overrides U+202A–U+202E and U+2066–U+2069) would
            // reorder or hide text; they are shown as a replacement mark instead.
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned) return false;
            if (!GlyphCoverage.Has(rune.Value)) return false;
            span = span[used..];
        }
        return true;
    }
}
