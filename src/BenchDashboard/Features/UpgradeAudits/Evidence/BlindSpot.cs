namespace BenchDashboard.Features.UpgradeAudits.Evidence;

/// <summary>
/// A production failure on the head version that a sampling round's reviewer said the bench would not have caught:
/// the round (with a link to it), the trace, the reviewer's failure category and notes, and the start of the input.
/// </summary>
public sealed record BlindSpot(int RoundId, string RoundPeriod, string RoundHref, string TraceId, DateTime TraceTimestamp, string? Category,
    string? FailureCategory, string? Notes, string Input);
