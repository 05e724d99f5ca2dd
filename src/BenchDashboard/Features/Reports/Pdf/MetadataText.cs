using System.Text;

namespace BenchDashboard.Features.Reports.Pdf;

/// <summary>
/// Text for the document's metadata (Title, Subject, Author). PDFsharp 6.2.4 copies these into the XMP packet, which is
/// XML, without escaping them, so an untrusted project name could put markup there. Metadata therefore keeps a plain
/// character set (letters, digits, spaces and common punctuation) and shows anything else as "?"; the pages print the
/// full text.
/// </summary>
internal static class MetadataText
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
            result.Append(Rune.IsLetterOrDigit(rune) || (rune.IsBmp && " .,:;@_+-()/#".Contains((char)rune.Value)) ? rune.ToString() : "?");
        return result.ToString();
    }
}
