using BenchDashboard.Features.Reports.Content;

namespace BenchDashboard.Tests.Features.Reports.Pdf;

/// <summary>
/// A realistic audit report built by hand, the way the builder would fill it for a quarter of a support assistant: three
/// pipeline versions, four charts with bands and markers, three sampling rounds, one rubric review, two upgrade audits
/// and signal episodes. Tests change what they need with <c>with</c>.
/// </summary>
internal static class AuditReportSample
{
    public static readonly DateOnly From = new(2026, 7, 1);
    public static readonly DateOnly To = new(2026, 9, 30);
    public const string ReportId = "RPT-2026Q3-0007";
    public const string HeadHash = "9f2c4e1ab37d58c6e0f9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6";

    public static AuditReport Quarter() => new(
        new ReportCover(ReportId, "Support assistant", "support-assistant", From, To, new DateTime(2026, 10, 2, 9, 15, 0, DateTimeKind.Utc), "auditor@example.com"),
        new ReportSummary(
            [
                new PracticeState("Monthly sampling", PracticeOutcome.Partly, "3 rounds, one each month; the August round closed 9 days late."),
                new PracticeState("Quarterly rubric review", PracticeOutcome.Held, "Review of Q3 approved on 2026-09-20, rubric v3 → v4."),
                new PracticeState("Upgrade audits", PracticeOutcome.Missed, "2 versions went live; 1 audit signed off, 1 still open."),
                new PracticeState("Signal triage", PracticeOutcome.NotDue, "No signal needed triage."),
            ],
            [new ReportOpenSignal("Escalation rate above threshold", new DateOnly(2026, 9, 22), "acknowledged by lead@example.com: campaign traffic", "Escalation rate 14.2 % over 7 days against a threshold of 12.0 %.")],
            "The evaluation practice mostly ran as designed in the quarter. Sampling happened every month, one round late; the rubric review was approved; one of two upgrade audits is not signed off. The bench pass rate held near 93 % while escalations rose after v1.6."),
        [
            new ReportVersion("v1.4", "gpt-4.1-mini", "support-prompt@12", "search, refunds", "kb-2026-06", new DateTime(2026, 5, 20, 8, 0, 0), new DateTime(2026, 7, 28, 10, 0, 0), null),
            new ReportVersion("v1.5", "gpt-4.1-mini", "support-prompt@13", "search, refunds, orders", "kb-2026-07", new DateTime(2026, 7, 28, 10, 0, 0), new DateTime(2026, 9, 8, 9, 30, 0), "Adds the orders tool."),
            new ReportVersion("v1.6", "gpt-4.1", "support-prompt@14", "search, refunds, orders", "kb-2026-09", new DateTime(2026, 9, 8, 9, 30, 0), null, "Model upgrade."),
        ],
        new ReportMethod(
            new ReportBench(312, [new ReportCount("hand-written", 180), new ReportCount("production sample", 132)],
                [new ReportCount("refunds", 96), new ReportCount("orders", 88), new ReportCount("account", 74), new ReportCount("other", 54)], 27, 18, 4),
            [
                new ReportRubricVersion(3, "imported through the API", ["accuracy", "tone", "policy", "escalation"], new DateTime(2026, 4, 2, 12, 0, 0)),
                new ReportRubricVersion(4, "approved by lead@example.com on 2026-09-20", ["accuracy", "tone", "policy", "escalation", "privacy"], new DateTime(2026, 9, 20, 15, 0, 0)),
            ],
            [
                new ReportDefinition("CSAT", "Mean customer satisfaction score (1–5) of rated conversations per week."),
                new ReportDefinition("Escalation rate", "Share of conversations handed to a human agent."),
                new ReportDefinition("Thumbs-down rate", "Share of answers rated thumbs-down by users."),
                new ReportDefinition("Resolution rate", "Share of conversations closed without a follow-up within 72 hours."),
            ],
            [
                new ReportDefinition("Escalation rate", "fires above 12.0 % over 7 days"),
                new ReportDefinition("Bench pass rate drop", "fires on a drop of 3.0 pp between consecutive runs"),
            ]),
        new ReportResults(true,
            [
                Chart("Bench pass rate and CSAT", "CSAT", new ReportAxis(1, 5, false), w => 4.1 + 0.05 * Math.Sin(w), band: false),
                Chart("Bench pass rate and escalation rate", "Escalation rate", new ReportAxis(0, 0.3, true), w => 0.09 + 0.004 * w, band: true),
                Chart("Bench pass rate and thumbs-down rate", "Thumbs-down rate", new ReportAxis(0, 0.2, true), w => 0.05 + 0.01 * Math.Cos(w), band: true),
                Chart("Bench pass rate and resolution rate", "Resolution rate", new ReportAxis(0, 1, true), w => 0.78 - 0.004 * w, band: true),
            ],
            [
                new ReportEpisode("Escalation rate above threshold", new DateOnly(2026, 9, 22), null, "Escalation rate 14.2 % over 7 days against a threshold of 12.0 %.",
                    [new ReportTriageStep(new DateTime(2026, 9, 23, 8, 40, 0), "lead@example.com", "acknowledged", "campaign traffic")]),
                new ReportEpisode("Bench pass rate drop", new DateOnly(2026, 8, 3), new DateOnly(2026, 8, 10), "Pass rate fell from 94.1 % to 90.8 % between runs.",
                    [
                        new ReportTriageStep(new DateTime(2026, 8, 3, 11, 5, 0), "lead@example.com", "acknowledged", "flaky orders tool"),
                        new ReportTriageStep(new DateTime(2026, 8, 10, 16, 0, 0), "lead@example.com", "resolved", "tool fixed in v1.5.1"),
                    ]),
            ]),
        [
            Round(41, "2026-07", new DateTime(2026, 7, 1), onTime: true, kappa: 0.71, failures: 12, caught: 9, 0.75, 0.468, 0.911, accepted: ["case-refund-0412", "case-order-0977"]),
            Round(42, "2026-08", new DateTime(2026, 8, 1), onTime: false, kappa: 0.64, failures: 10, caught: 8, 0.8, 0.490, 0.943, accepted: ["case-account-0133"]),
            Round(43, "2026-09", new DateTime(2026, 9, 1), onTime: true, kappa: null, failures: 0, caught: 0, null, null, null, accepted: []),
        ],
        [
            new ReportRubricReview(7, "2026-Q3", 3, 4, "approved", "reviewer@example.com", new DateTime(2026, 9, 15, 10, 0, 0), "lead@example.com", new DateTime(2026, 9, 20, 15, 0, 0),
                [
                    new ReportItemDecision("accuracy", "keep", null, "Still the main failure mode."),
                    new ReportItemDecision("tone", "change", "Polite and concise; no blame on the customer.", "Reviewers disagreed on 'friendly'."),
                    new ReportItemDecision("privacy", "add", "Never repeats payment details.", "Two traces echoed card digits."),
                ], 0.934, 0.918, 6),
        ],
        [
            Audit(11, "v1.4", "v1.5", 0.934, 0.941, 0.007, -0.012, 0.026, 0.031, "signed off", "lead@example.com", new DateTime(2026, 8, 2, 9, 0, 0), 6),
            Audit(12, "v1.5", "v1.6", 0.941, 0.902, -0.039, -0.061, -0.017, 0.0004, "open", null, null, 14),
        ],
        new ReportIntegrity(48213, HeadHash, true, 1532));

    public static ReportRound Round(int id, string period, DateTime start, bool onTime, double? kappa, int failures, int caught,
        double? rate, double? low, double? high, IReadOnlyList<string> accepted) =>
        new(id, period, start, start.AddMonths(1).AddSeconds(-1), 60, 20260700 + id, "stratified by channel", ["reviewer@example.com", "lead@example.com"],
            "closed", start.AddMonths(1).AddDays(onTime ? 5 : 16), onTime, 60, kappa is null ? 0 : 15, kappa, failures, caught, rate, low, high,
            failures - caught, accepted);

    public static ReportUpgradeAudit Audit(int id, string from, string to, double basePass, double headPass, double diff, double low, double high,
        double? p, string status, string? by, DateTime? at, int changedCases) =>
        new(id, from, to, $"run-{from}-0912", $"run-{to}-0915", basePass, headPass, diff, low, high, p, status, by, at,
            Enumerable.Range(1, changedCases).Select(i => new ReportCaseDecision($"case-{to}-{i:000}", i % 3 == 0 ? "newly passing" : "newly failing",
                i % 4 == 0 ? null : i % 2 == 0 ? "accept" : "fix before release", i % 4 == 0 ? null : $"Checked trace {i}: answer cites the old refund window.")).ToList());

    /// <summary>Weekly points over the quarter; the bench with 95 % bands, the metric with or without.</summary>
    public static ReportChart Chart(string title, string metric, ReportAxis axis, Func<int, double> value, bool band)
    {
        var weeks = Enumerable.Range(0, 13).Select(w => (Week: w, Day: From.AddDays(7 * w))).ToList();
        var bench = new ReportSeries("Bench pass rate", weeks.Select(w =>
        {
            var v = 0.93 + 0.01 * Math.Sin(w.Week / 2.0) - (w.Week >= 10 ? 0.02 : 0);
            return new ReportPoint(w.Day, v, v - 0.025, v + 0.02);
        }).ToList());
        var series = new ReportSeries(metric, weeks.Select(w =>
        {
            var v = value(w.Week);
            var spread = (axis.Max - axis.Min) * 0.04;
            return new ReportPoint(w.Day, v, band ? v - spread : null, band ? v + spread : null);
        }).ToList());
        return new ReportChart(title, bench, series, axis,
        [
            new ReportMarker(new DateTime(2026, 7, 28, 10, 0, 0), "v1.5", ReportMarkerKind.Version),
            new ReportMarker(new DateTime(2026, 9, 8, 9, 30, 0), "v1.6", ReportMarkerKind.Version),
            new ReportMarker(new DateTime(2026, 9, 20, 15, 0, 0), "rubric v4", ReportMarkerKind.Rubric),
        ]);
    }

    /// <summary>A period with nothing in it: no data, no rounds, reviews, audits or episodes.</summary>
    public static AuditReport Empty() => Quarter() with
    {
        Summary = new ReportSummary([new PracticeState("Monthly sampling", PracticeOutcome.Missed, "No round was drawn.")], [], ""),
        Scope = [],
        Method = new ReportMethod(new ReportBench(0, [], [], 0, 0, 0), [], [], []),
        Results = new ReportResults(false, [], []),
        Rounds = [],
        RubricReviews = [],
        UpgradeAudits = [],
        Integrity = new ReportIntegrity(0, HeadHash, true, 0),
    };
}
