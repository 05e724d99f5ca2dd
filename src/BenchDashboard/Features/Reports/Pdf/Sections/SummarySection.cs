using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Layout;

namespace BenchDashboard.Features.Reports.Pdf.Sections;

/// <summary>"Summary": each practice's outcome in words, the signals open at the period's end, and the verdict.</summary>
internal static class SummarySection
{
    public const string Title = "Summary";

    public static void Write(ReportWriter w, AuditReport report)
    {
        var summary = report.Summary;
        w.Flow.NewPage();
        w.Section(Title);
        w.Subheading("Practices");
        if (summary.Practices.Count == 0) w.Note("No practice was assessed for this period.");
        else
            w.Table([new("Practice", 2.2), new("Outcome", 1.2), new("What happened", 5)],
                summary.Practices.Select(p => new[] { p.Practice, ReportFormat.Outcome(p.Outcome), p.Detail }));

        w.Subheading("Open signals");
        if (summary.OpenSignals.Count == 0) w.Note("No signal was open at the end of the period.");
        else
            w.Table([new("Signal", 2), new("Since", 1.2), new("Triage", 2.5), new("Evidence", 3.5)],
                summary.OpenSignals.Select(s => new[] { s.Signal, ReportFormat.Date(s.Since), s.Triage, s.Evidence }));

        w.Subheading("Verdict");
        if (string.IsNullOrWhiteSpace(summary.Verdict)) w.Note("No verdict was written for this period.");
        else w.Paragraph(summary.Verdict);
    }
}
