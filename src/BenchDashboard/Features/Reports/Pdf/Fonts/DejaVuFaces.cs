using System.Collections.Concurrent;

namespace BenchDashboard.Features.Reports.Pdf.Fonts;

/// <summary>
/// The two faces the reports use, read once from the assembly's embedded resources (the npm package's files, linked in by
/// the project file; decision 0004 says to embed only the faces used).
/// </summary>
internal static class DejaVuFaces
{
    /// <summary>The family name the layout asks PDFsharp for.</summary>
    public const string Family = "DejaVu Sans";

    public const string Regular = "DejaVuSans";
    public const string Bold = "DejaVuSans-Bold";

    private static readonly ConcurrentDictionary<string, byte[]> Loaded = new(StringComparer.Ordinal);

    /// <summary>The TrueType file of a face; throws when the build did not embed it (node_modules missing at build).</summary>
    public static byte[] Bytes(string face) => Loaded.GetOrAdd(face, Load);

    private static byte[] Load(string face)
    {
        var name = $"BenchDashboard.Fonts.{face}.ttf";
        using var stream = typeof(DejaVuFaces).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is not embedded: build with node_modules installed (npm ci).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
