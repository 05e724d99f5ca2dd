using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Reports.Pdf.Layout;

namespace BenchDashboard.Features.Reports.Pdf.Sections;

/// <summary>"Outcomes analysis": one block per sampling round with the round page's figures.</summary>
internal static class OutcomesSection
{
    public const string Title = "Outcomes analysis";

    public static void Write(ReportWriter w, AuditReport report)
    {
        w.Section(Title);
        if (report.Rounds.Count == 0)
        {
            w.Note("No sampling round in this period.");
            return;
        }
        foreach (var round in report.Rounds)
        {
            w.Subheading($"Round {round.RoundId}: {round.Period}");
            w.KeyValues([
                ("Frame", $"production traces from {ReportFormat.Time(round.WindowFrom)} to {ReportFormat.Time(round.WindowTo)}"),
                ("Size", ReportFormat.Number(round.Size)),
                ("Seed", ReportFormat.Number(round.Seed)),
                ("Strategy", round.Strategy),
                ("Reviewers", round.Reviewers.Count == 0 ? "none" : string.Join(", ", round.Reviewers)),
                ("Status", Status(round)),
                ("Reviewed", $"{ReportFormat.Number(round.Reviewed)} of {ReportFormat.Number(round.Size)}"),
                ("Agreement", Agreement(round)),
                ("Failures found", ReportFormat.Number(round.Failures)),
                ("Catch rate", CatchRate(round)),
                ("Gaps", ReportFormat.Number(round.Gaps)),
                ("Accepted cases", round.AcceptedCases.Count == 0 ? "none" : string.Join(", ", round.AcceptedCases)),
            ]);
        }
    }

    private static string Status(ReportRound round)
    {
        if (round.ClosedAt is not { } closed) return $"{round.Status} ({(round.OnTime ? "not yet due" : "overdue")})";
        var when = $"closed {ReportFormat.Time(closed)} ({(round.OnTime ? "on time" : "late")})";
        return string.Equals(round.Status, "closed", StringComparison.OrdinalIgnoreCase) ? when : $"{round.Status}, {when}";
    }

    private static string Agreement(ReportRound round) => round.Kappa is { } kappa
        ? $"Cohen's {ReportFormat.Kappa(kappa)} over {round.DoubleReviewed} double-reviewed traces"
        : $"not measured ({round.DoubleReviewed} double-reviewed traces)";

    private static string CatchRate(ReportRound round)
    {
        if (round.CatchRate is not { } rate) return $"not measured (no failure found; the bench would catch {round.BenchWouldCatch})";
        var text = $"{ReportFormat.Percent(rate)}: the bench would catch {round.BenchWouldCatch} of {round.Failures} failures";
        return round.CatchLow is { } low && round.CatchHigh is { } high
            ? $"{text} (95 % Wilson interval {ReportFormat.Percent(low)} to {ReportFormat.Percent(high)})"
            : text;
    }
}
