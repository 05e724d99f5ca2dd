using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Layout;

namespace BenchDashboard.Features.Reports.Pdf.Sections;

/// <summary>"Upgrade audits": per version pair the runs, pass rates, paired difference, McNemar's p, sign-off and every
/// changed case with its decision.</summary>
internal static class UpgradeAuditsSection
{
    public const string Title = "Upgrade audits";

    public static void Write(ReportWriter w, AuditReport report)
    {
        w.Section(Title);
        if (report.UpgradeAudits.Count == 0)
        {
            w.Note("No upgrade audit in this period.");
            return;
        }
        foreach (var audit in report.UpgradeAudits)
        {
            w.Subheading($"Audit {audit.AuditId}: {audit.BaseVersion} → {audit.HeadVersion}");
            w.KeyValues([
                ("Runs compared", $"{audit.BaseRun} (base) and {audit.HeadRun} (head)"),
                ("Pass rates", $"{ReportFormat.Percent(audit.BasePassRate)} base, {ReportFormat.Percent(audit.HeadPassRate)} head"),
                ("Difference", $"{ReportFormat.Points(audit.Difference)} (95 % interval {ReportFormat.Points(audit.DifferenceLow)} to {ReportFormat.Points(audit.DifferenceHigh)})"),
                ("McNemar exact test", audit.McNemarP is { } p ? ReportFormat.PValue(p) : "not computed (no discordant case)"),
                ("Status", audit.Status),
                ("Sign-off", audit.SignedOffBy is { } by ? $"signed off by {by} on {ReportFormat.Time(audit.SignedOffAt)}" : "not signed off"),
            ]);
            if (audit.Cases.Count == 0) w.Note("No case changed between the two runs.");
            else
                w.Table([new("Case", 2.2), new("Change", 1.6), new("Decision", 1.3), new("Rationale", 3.5)],
                    audit.Cases.Select(c => new[] { c.CaseId, c.Change, c.Decision ?? "undecided", c.Rationale ?? "—" }));
        }
    }
}
