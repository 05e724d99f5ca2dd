using System.Buffers.Binary;
using System.Collections.Frozen;

namespace BenchDashboard.Features.Reports.Pdf.Fonts;

/// <summary>
/// Which code points both embedded faces draw, read from their TrueType <c>cmap</c> tables (formats 4 and 12). PDFsharp
/// draws a character the font lacks as an empty box or nothing at all; <see cref="Text.SafeText"/> asks this first and
/// substitutes a visible replacement instead, so nothing an auditor should see vanishes silently.
/// </summary>
internal static class GlyphCoverage
{
    private static readonly Lazy<FrozenSet<int>> Covered = new(() =>
    {
        var regular = CodePoints(DejaVuFaces.Bytes(DejaVuFaces.Regular));
        regular.IntersectWith(CodePoints(DejaVuFaces.Bytes(DejaVuFaces.Bold)));
        return regular.ToFrozenSet();
    });

    public static bool Has(int codePoint) => Covered.Value.Contains(codePoint);

    /// <summary>The code points a font maps to a real glyph (not glyph 0, .notdef).</summary>
    public static HashSet<int> CodePoints(ReadOnlySpan<byte> font)
    {
        var result = new HashSet<int>();
        var cmap = FindTable(font, "cmap");
        var subtables = U16(cmap, 2);
        for (var i = 0; i < subtables; i++)
        {
            var platform = U16(cmap, 4 + i * 8);
            var encoding = U16(cmap, 6 + i * 8);
            // Unicode subtables only: Windows BMP (3,1), Windows full (3,10), or the Unicode platform (0,*).
            if (!(platform == 0 || (platform == 3 && encoding is 1 or 10))) continue;
            var table = cmap[(int)U32(cmap, 8 + i * 8)..];
            switch (U16(table, 0))
            {
                case 4: ReadFormat4(table, result); break;
                case 12: ReadFormat12(table, result); break;
            }
        }
        return result;
    }

    private static void ReadFormat4(ReadOnlySpan<byte> t, HashSet<int> into)
    {
        var segments = U16(t, 6) / 2;
        var ends = 14;
        var starts = ends + segments * 2 + 2;
        var deltas = starts + segments * 2;
        var rangeOffsets = deltas + segments * 2;
        for (var s = 0; s < segments; s++)
        {
            int end = U16(t, ends + s * 2), start = U16(t, starts + s * 2);
            var delta = (short)U16(t, deltas + s * 2);
            var rangeOffset = U16(t, rangeOffsets + s * 2);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0) glyph = (c + delta) & 0xFFFF;
                else
                {
                    var at = rangeOffsets + s * 2 + rangeOffset + 2 * (c - start);
                    if (at + 2 > t.Length) continue;
                    glyph = U16(t, at);
                    if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0) into.Add(c);
            }
        }
    }

    private static void ReadFormat12(ReadOnlySpan<byte> t, HashSet<int> into)
    {
        var groups = U32(t, 12);
        for (var g = 0; g < groups; g++)
        {
            var at = 16 + g * 12;
            uint start = U32(t, at), end = U32(t, at + 4), glyph = U32(t, at + 8);
            for (var c = start; c <= end && c <= 0x10FFFF; c++)
                if (glyph + (c - start) != 0) into.Add((int)c);
        }
    }

    private static ReadOnlySpan<byte> FindTable(ReadOnlySpan<byte> font, string tag)
    {
        var tables = U16(font, 4);
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + i * 16;
            if (font.Slice(record, 4).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(tag)))
                return font.Slice((int)U32(font, record + 8), (int)U32(font, record + 12));
        }
        throw new InvalidDataException($"The font has no {tag} table.");
    }

    private static int U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16BigEndian(b[at..]);
    private static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
}
