namespace BenchDashboard.Tests.Features.Reports.Pdf;

/// <summary>A word pdftotext found, its page (1-based) and box in points (origin top left).</summary>
internal sealed record PdfWord(int Page, string Text, double X0, double Y0, double X1, double Y1);
