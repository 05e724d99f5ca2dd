using System.Globalization;
using System.Text;

namespace BenchDashboard.Features.Reports.Pdf.Text;

/// <summary>
/// Puts right-to-left runs of a line into visual order before it is drawn. PDFsharp draws glyphs left to right in the
/// order given, so a Hebrew or Arabic name would otherwise read backwards on the page and come back reversed from text
/// extraction. A simplified bidi rule for left-to-right lines (every report line is one): a run from one strong
/// right-to-left character to the last one before a strong left-to-right character, with the spaces, punctuation and
/// digits between, is reversed as a whole, digit groups keep their own order and brackets are mirrored. No Arabic
/// shaping (joining forms) is done; letters are drawn in their isolated forms.
/// </summary>
internal static class VisualOrder
{
    public static string Of(string line)
    {
        if (!line.Any(c => IsRtl(c))) return line;
        var elements = Elements(line);
        var result = new StringBuilder(line.Length);
        var i = 0;
        while (i < elements.Count)
        {
            if (!IsRtl(elements[i][0]))
            {
                result.Append(elements[i++]);
                continue;
            }
            // The run ends at its last right-to-left element before the next left-to-right letter.
            var end = i;
            for (var j = i; j < elements.Count && !IsLtr(elements[j][0]); j++)
                if (IsRtl(elements[j][0])) end = j;
            result.Append(Reverse(elements.GetRange(i, end - i + 1)));
            i = end + 1;
        }
        return result.ToString();
    }

    private static string Reverse(List<string> run)
    {
        var groups = new List<string>();
        for (var k = 0; k < run.Count; k++)
        {
            if (char.IsAsciiDigit(run[k][0]) && groups.Count > 0 && char.IsAsciiDigit(groups[^1][^1]))
                groups[^1] += run[k]; // a number keeps its digits' order
            else groups.Add(Mirror(run[k]));
        }
        groups.Reverse();
        return string.Concat(groups);
    }

    private static string Mirror(string element) => element switch
    {
        "(" => ")", ")" => "(", "[" => "]", "]" => "[", "{" => "}", "}" => "{", "<" => ">", ">" => "<",
        _ => element,
    };

    /// <summary>Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms.</summary>
    private static bool IsRtl(char c) => c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';

    private static bool IsLtr(char c) => !IsRtl(c) && char.IsLetter(c);

    private static List<string> Elements(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext()) list.Add((string)e.Current);
        return list;
    }
}
