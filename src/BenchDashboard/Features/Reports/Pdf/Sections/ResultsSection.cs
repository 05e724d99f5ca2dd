using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Layout;

namespace BenchDashboard.Features.Reports.Pdf.Sections;

/// <summary>"Results over time": one chart per UX metric, or a sentence when the period has no data at all (never empty
/// charts), then the signal episodes with every triage step.</summary>
internal static class ResultsSection
{
    public const string Title = "Results over time";
    public const string NoData = "No bench run and no production data in this period.";

    public static void Write(ReportWriter w, AuditReport report)
    {
        var results = report.Results;
        w.Section(Title);
        if (!results.HasData) w.Note(NoData);
        else if (results.Charts.Count == 0) w.Note("No UX metric is charted for this project.");
        else
        {
            w.Paragraph("Each chart shows the bench pass rate (left axis) against one UX metric (right axis) over the period, "
                + "with 95 % intervals as shaded bands, pipeline versions going live as dashed grey lines and rubric versions "
                + "taking effect as dash-dotted purple lines.");
            foreach (var chart in results.Charts) w.Chart(chart, report.Cover.From, report.Cover.To);
        }

        w.Subheading("Signal episodes");
        if (results.Episodes.Count == 0)
        {
            w.Note("No signal episode in this period.");
            return;
        }
        w.Table([new("Signal", 1.6), new("Onset", 1.3), new("Closed", 1.3), new("Evidence", 2.3), new("Triage steps", 3.4)],
            results.Episodes.Select(e => new[]
            {
                e.Signal, ReportFormat.Date(e.Onset), e.Closed is { } closed ? ReportFormat.Date(closed) : "still open", e.Evidence,
                e.Triage.Count == 0 ? "No triage step." : string.Join("\n", e.Triage.Select(Step)),
            }));
    }

    private static string Step(ReportTriageStep step) =>
        $"{ReportFormat.Time(step.At)}, {step.By}: {step.Status}" + (string.IsNullOrWhiteSpace(step.Reason) ? "" : $" ({step.Reason})");
}
