using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BenchDashboard.Tests.Features.Reports.Pdf;

/// <summary>
/// Reads a PDF back with Debian's poppler-utils (installed by scripts/test.sh), the way an auditor's tools would: text,
/// fonts, images, word boxes, page count, metadata, and PNG pages for people to look at.
/// </summary>
internal sealed partial class Poppler : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("report-pdf-").FullName;

    public Poppler(byte[] pdf)
    {
        File.WriteAllBytes(PdfPath, pdf);
    }

    public string PdfPath => Path.Combine(folder, "report.pdf");

    public string Layout() => Run("pdftotext", "-layout", "-enc", "UTF-8", PdfPath, "-");

    /// <summary>Text in content order without layout: a paragraph's wrapped lines come one after another.</summary>
    public string Raw() => Run("pdftotext", "-raw", "-enc", "UTF-8", PdfPath, "-");

    /// <summary>The text of each page, in order (pdftotext separates pages with a form feed).</summary>
    public IReadOnlyList<string> Pages() => Layout().Split('\f').Where((_, i) => i < PageCount()).ToList();

    public string Fonts() => Run("pdffonts", PdfPath);

    public string Images() => Run("pdfimages", "-list", PdfPath);

    public string Info() => Run("pdfinfo", PdfPath);

    public int PageCount() => int.Parse(Regex.Match(Info(), @"^Pages:\s+(\d+)", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Every word with its box in points (origin top left), from pdftotext -bbox.</summary>
    public IReadOnlyList<PdfWord> Words()
    {
        var html = Run("pdftotext", "-bbox", "-enc", "UTF-8", PdfPath, "-");
        var page = 0;
        var words = new List<PdfWord>();
        foreach (Match m in WordOrPage().Matches(html))
        {
            if (m.Groups["page"].Success)
            {
                page++;
                continue;
            }
            double D(string g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
            words.Add(new PdfWord(page, System.Net.WebUtility.HtmlDecode(m.Groups["text"].Value), D("x0"), D("y0"), D("x1"), D("y1")));
        }
        return words;
    }

    /// <summary>Renders pages as PNG at 60 dpi into artifacts/screenshots/reports/ for people to look at, next to the PDF.</summary>
    public void SavePages(string name, int first, int last)
    {
        var target = Path.Combine(Browser.RunningApp.RepositoryRoot(), "artifacts", "screenshots", "reports");
        Directory.CreateDirectory(target);
        File.Copy(PdfPath, Path.Combine(target, name + ".pdf"), overwrite: true);
        Run("pdftoppm", "-png", "-r", "60", "-f", first.ToString(CultureInfo.InvariantCulture), "-l", last.ToString(CultureInfo.InvariantCulture),
            PdfPath, Path.Combine(target, name));
    }

    /// <summary>What poppler complains about while drawing every page (syntax errors, bad operands); empty when none.</summary>
    public string RenderErrors()
    {
        var (_, errors) = Start("pdftoppm", "-r", "20", "-png", PdfPath, Path.Combine(folder, "check"));
        return errors.Trim();
    }

    private static string Run(string tool, params string[] args) => Start(tool, args).Output;

    private static (string Output, string Errors) Start(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error.Result}");
        return (output.Result, error.Result);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [GeneratedRegex(@"<page\b(?<page>)|<word xMin=""(?<x0>[\d.]+)"" yMin=""(?<y0>[\d.]+)"" xMax=""(?<x1>[\d.]+)"" yMax=""(?<y1>[\d.]+)"">(?<text>.*?)</word>")]
    private static partial Regex WordOrPage();
}
