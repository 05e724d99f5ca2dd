using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Layout;

namespace BenchDashboard.Features.Reports.Pdf.Sections;

/// <summary>"Method": the bench's size and composition, the rubric versions in force, the metric definitions and the
/// signal thresholds.</summary>
internal static class MethodSection
{
    public const string Title = "Method";

    public static void Write(ReportWriter w, AuditReport report)
    {
        var method = report.Method;
        var bench = method.Bench;
        w.Section(Title);
        w.Subheading("Bench");
        w.KeyValues([
            ("Active cases", ReportFormat.Number(bench.ActiveCases)),
            ("Runs in the period", ReportFormat.Number(bench.RunsInPeriod)),
            ("Cases added", ReportFormat.Number(bench.CasesAdded)),
            ("Cases retired", ReportFormat.Number(bench.CasesRetired)),
        ]);
        Counts(w, "Source", bench.BySource, "No active case, so no source to show.");
        Counts(w, "Category", bench.ByCategory, "No active case, so no category to show.");

        w.Subheading("Rubric versions in force");
        if (method.RubricVersions.Count == 0) w.Note("No rubric version was in force in this period.");
        else
            w.Table([new("Version", 0.8), new("In force from", 1.5), new("Origin", 2.6), new("Items", 4)],
                method.RubricVersions.Select(v => new[]
                {
                    "v" + v.Number, ReportFormat.Time(v.InForceFrom), v.Origin,
                    v.ItemKeys.Count == 0 ? "none" : string.Join(", ", v.ItemKeys),
                }));

        w.Subheading("Metric definitions");
        if (method.Metrics.Count == 0) w.Note("No metric is defined for this project.");
        else w.Table([new("Metric", 2), new("Definition", 6)], method.Metrics.Select(m => new[] { m.Name, m.Meaning }));

        w.Subheading("Signal thresholds in force");
        if (method.Thresholds.Count == 0) w.Note("No signal threshold is set for this project.");
        else w.Table([new("Threshold", 2.5), new("Setting", 5.5)], method.Thresholds.Select(t => new[] { t.Name, t.Meaning }));
    }

    private static void Counts(ReportWriter w, string label, IReadOnlyList<ReportCount> counts, string empty)
    {
        if (counts.Count == 0)
        {
            w.Note(empty);
            return;
        }
        w.Table([new(label, 4), new("Active cases", 1.2)], counts.Select(c => new[] { c.Label, ReportFormat.Number(c.Count) }));
        w.Space(4);
    }
}
