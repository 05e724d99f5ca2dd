using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;

namespace BenchDashboard.Features.Reports.Pdf;

/// <summary>
/// Makes the same <see cref="Content.AuditReport"/> give the same bytes. PDFsharp stamps values that are random or depend
/// on the clock: the creation date (set here to the report's generation time), the trailer's document ID (set here to a
/// hash of the report id), and, with no setting for them, a random six-letter tag on each embedded font subset
/// ("XKQZPA+DejaVu Sans") and random UUIDs in the XMP metadata. Those are replaced after saving by values derived from the
/// report id, of the same length, so no byte offset in the file moves.
/// </summary>
internal static partial class DeterministicOutput
{
    public static void Stamp(PdfDocument document, string reportId, DateTime generatedAt)
    {
        document.Info.CreationDate = generatedAt;
        document.Info.ModificationDate = generatedAt;
        var raw = Encoding.Latin1.GetString(Hash("document-id", reportId).AsSpan(0, 16));
        document.Internals.FirstDocumentID = raw;
        document.Internals.SecondDocumentID = raw;
    }

    public static byte[] Finish(byte[] pdf, string reportId)
    {
        // Latin-1 maps every byte to one char and back, so the text view has the same offsets as the bytes.
        var text = Encoding.Latin1.GetString(pdf);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        text = SubsetTag().Replace(text, m =>
        {
            var tag = m.Groups["tag"].Value;
            if (!tags.TryGetValue(tag, out var fixedTag))
            {
                fixedTag = new string(Hash($"subset/{tags.Count}", reportId).Take(6).Select(b => (char)('A' + b % 26)).ToArray());
                tags[tag] = fixedTag;
            }
            return "/" + fixedTag + "+" + m.Groups["font"].Value;
        });
        var uuids = 0;
        text = XmpUuid().Replace(text, _ => "uuid:" + new Guid(Hash($"xmp/{uuids++}", reportId).AsSpan(0, 16)).ToString("D"));
        return Encoding.Latin1.GetBytes(text);
    }

    private static byte[] Hash(string purpose, string reportId) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"BenchDashboard audit report {purpose} {reportId}"));

    [GeneratedRegex(@"/(?<tag>[A-Z]{6})\+(?<font>DejaVu[A-Za-z0-9#,_-]*)")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex XmpUuid();
}
