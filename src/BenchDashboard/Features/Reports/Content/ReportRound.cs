namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// One sampling round whose window overlaps the period (outcomes analysis): its frame, size, seed and strategy, the
/// reviewers, inter-reviewer agreement (Cohen's kappa over double-reviewed traces, null when none), the catch rate
/// (failures the bench would have caught) with its Wilson interval, the gaps and the cases accepted from them. The
/// figures are the round page's; <paramref name="WindowFrom"/> and <paramref name="WindowTo"/> are the first and the last
/// day sampled (midnight UTC), as the round page shows the window.
/// </summary>
public sealed record ReportRound(int RoundId, string Period, DateTime WindowFrom, DateTime WindowTo, int Size, long Seed,
    string Strategy, IReadOnlyList<string> Reviewers, string Status, DateTime? ClosedAt, bool OnTime, int Reviewed,
    int DoubleReviewed, double? Kappa, int Failures, int BenchWouldCatch, double? CatchRate, double? CatchLow, double? CatchHigh,
    int Gaps, IReadOnlyList<string> AcceptedCases);
