namespace BenchDashboard.Features.Signals;

/// <summary>
/// One word a lead said on one occurrence of a signal, as the audit log keeps it (<see cref="SignalTriageService"/> writes
/// it): when, by whom, what (<see cref="Domain.AuditEvent.Action"/>: acknowledged, snoozed, re-baselined), on which
/// signal (kind, metric or check, start) and why.
/// </summary>
public sealed record SignalTriageStep(DateTime At, string By, string Action, string Kind, string Subject, DateOnly Since, string? Reason,
    DateOnly? SnoozedUntil)
{
    /// <summary>The step in a word a reader knows: "acknowledged", "snoozed until 10 Oct 2026", "re-baselined".</summary>
    public string Status => Action switch
    {
        Audit.AuditActions.SignalAcknowledged => "acknowledged",
        Audit.AuditActions.SignalSnoozed => SnoozedUntil is { } until ? $"snoozed until {Say.Date(until)}" : "snoozed",
        _ => "re-baselined",
    };
}
