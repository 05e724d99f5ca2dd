namespace BenchDashboard.Domain;

/// <summary>
/// A lead's word on one occurrence of a signal: the signal's kind and subject (metric or check) with its start
/// (<see cref="Since"/>, a divergence episode's onset), so a signal that ends and starts again is new again.
/// One row per occurrence holds the latest word; the audit log keeps every change.
/// </summary>
public class SignalTriage
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public required string Kind { get; set; }
    /// <summary>The signal's metric or cadence check, "" when it has none.</summary>
    public required string Subject { get; set; }
    public DateOnly Since { get; set; }
    public SignalTriageStatus Status { get; set; }
    public string? Note { get; set; }
    /// <summary>For <see cref="SignalTriageStatus.Snoozed"/>: the last day the signal stays quiet.</summary>
    public DateOnly? SnoozedUntil { get; set; }
    public required string ActedBy { get; set; }
    public DateTime ActedAt { get; set; }
}
