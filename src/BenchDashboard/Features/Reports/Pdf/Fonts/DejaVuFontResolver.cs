using PdfSharp.Fonts;

namespace BenchDashboard.Features.Reports.Pdf.Fonts;

/// <summary>
/// Serves DejaVu Sans to PDFsharp, which finds no system fonts on Linux. Every family resolves to DejaVu Sans, so a
/// family name nobody registered can never make a render fail; italic is simulated (no oblique face is embedded).
/// </summary>
internal sealed class DejaVuFontResolver : IFontResolver
{
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? DejaVuFaces.Bold : DejaVuFaces.Regular, false, italic);

    public byte[]? GetFont(string faceName) =>
        faceName is DejaVuFaces.Regular or DejaVuFaces.Bold ? DejaVuFaces.Bytes(faceName) : null;
}
