using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Layout;

namespace BenchDashboard.Features.Reports.Pdf.Sections;

/// <summary>"Scope": the pipeline versions live in the period, what each was made of and when it was live.</summary>
internal static class ScopeSection
{
    public const string Title = "Scope";

    public static void Write(ReportWriter w, AuditReport report)
    {
        w.Section(Title);
        if (report.Scope.Count == 0)
        {
            w.Note("No pipeline version was live in this period.");
            return;
        }
        w.Paragraph("The pipeline versions live at any time in the period, in the order they went live.");
        w.Table(
            [new("Version", 1.1), new("Model", 1.4), new("Prompt", 1.6), new("Tools", 1.3), new("Data sources", 1.3), new("Live", 2.2), new("Notes", 1.6)],
            report.Scope.Select(v => new[]
            {
                v.Label, v.Model, v.Prompt, v.Tools, v.DataSources,
                $"{ReportFormat.Time(v.DeployedAt)} to\n{(v.LiveUntil is { } until ? ReportFormat.Time(until) : "still live")}",
                v.Notes,
            }));
    }
}
