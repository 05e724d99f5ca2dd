using PdfSharp.Fonts;

namespace BenchDashboard.Features.Reports.Pdf.Fonts;

/// <summary>
/// Installs the one <see cref="DejaVuFontResolver"/> in PDFsharp's process-wide settings before the first render.
/// PDFsharp allows setting the resolver again only with the same instance, and renders (and test hosts) run in parallel,
/// so the instance is static and the first caller installs it under a lock.
/// </summary>
internal static class ReportFontSetup
{
    private static readonly DejaVuFontResolver Resolver = new();
    private static readonly Lock Gate = new();
    private static volatile bool installed;

    public static void EnsureInstalled()
    {
        if (installed) return;
        lock (Gate)
        {
            if (installed) return;
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Resolver))
                GlobalFontSettings.FontResolver = Resolver;
            installed = true;
        }
    }
}
