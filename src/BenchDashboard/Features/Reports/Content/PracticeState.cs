namespace BenchDashboard.Features.Reports.Content;

/// <summary>One practice (monthly sampling, quarterly rubric review, per-upgrade audits) over the period: whether it
/// held, and a sentence saying what happened (e.g. "3 rounds, one each month; the October round closed 9 days late").</summary>
public sealed record PracticeState(string Practice, PracticeOutcome Outcome, string Detail);
