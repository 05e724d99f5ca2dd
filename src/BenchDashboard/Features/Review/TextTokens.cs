using System.Globalization;
using System.Text;

namespace BenchDashboard.Features.Review;

/// <summary>
/// Splits free text (bench-case inputs, production traces) into search terms for <see cref="SimilarCaseIndex"/>.
/// <list type="bullet">
/// <item>Only the first <see cref="MaxChars"/> characters are looked at: a trace can be a 60,000-character line, and its
/// opening is where the user's words are. Half a surrogate pair left by the cut is dropped.</item>
/// <item>A term is a maximal run of Unicode letters and digits (<see cref="Rune.IsLetterOrDigit"/>, so letters outside
/// the Basic Multilingual Plane count too); everything else separates terms. Combining marks (categories Mn, Mc, Me)
/// that follow a letter or digit stay in the term: without them Devanagari, Thai or vowelled Arabic would fall apart
/// into single letters.</item>
/// <item>Terms holding anything other than ASCII are NFKC-normalised (composed and decomposed "é" are one term,
/// full-width "ＡＰＩ" is "api"), then every term is lower-cased with the invariant culture.</item>
/// <item>Terms one code point long and a short list of English stop words are dropped.</item>
/// <item>There is no word segmentation for scripts written without spaces: a run of Chinese or Japanese characters is one
/// term, so it matches only the same run.</item>
/// </list>
/// </summary>
internal static class TextTokens
{
    /// <summary>How many characters of a text are tokenised; the rest is ignored.</summary>
    public const int MaxChars = 20_000;

    /// <summary>Lucene's English stop set plus the personal pronouns and auxiliaries every chat message is full of.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "am", "an", "and", "are", "as", "at", "be", "been", "but", "by", "do", "does", "for", "from", "had", "has",
        "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or",
        "our", "she", "so", "such", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "us",
        "was", "we", "were", "will", "with", "you", "your",
    };

    /// <summary>The terms of <paramref name="text"/> in order of appearance, repeats included.</summary>
    public static List<string> Tokenize(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrEmpty(text)) return terms;

        // A surrogate pair cut by the cap leaves a lone high surrogate at the end: a separator, like any lone surrogate.
        var span = text.AsSpan(0, Math.Min(text.Length, MaxChars));

        var start = -1; // start of the term being read, or −1 between terms
        var runes = 0;  // code points in that term
        var ascii = true;
        var i = 0;
        while (i < span.Length)
        {
            // Lone surrogates decode as invalid (one char consumed) and act as separators.
            var valid = Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done;
            var inTerm = valid && (Rune.IsLetterOrDigit(rune) || (start >= 0 && IsMark(rune)));
            if (inTerm)
            {
                if (start < 0) (start, runes, ascii) = (i, 0, true);
                runes++;
                ascii &= rune.IsAscii;
            }
            else if (start >= 0)
            {
                Add(terms, span[start..i], runes, ascii);
                start = -1;
            }
            i += consumed;
        }
        if (start >= 0) Add(terms, span[start..], runes, ascii);
        return terms;
    }

    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static void Add(List<string> terms, ReadOnlySpan<char> raw, int runes, bool ascii)
    {
        if (runes < 2) return;
        string term;
        if (ascii)
        {
            term = raw.ToString().ToLowerInvariant();
        }
        else
        {
            term = raw.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
            // Normalisation can shrink a term (e followed by a combining acute becomes the one code point é): count again.
            var count = 0;
            foreach (var _ in term.EnumerateRunes()) if (++count >= 2) break;
            if (count < 2) return;
        }
        if (!StopWords.Contains(term)) terms.Add(term);
    }
}
