using System.Globalization;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Signals;

/// <summary>A signal with what the team said about it (null when nothing yet).</summary>
public sealed record TriagedSignal(Signal Signal, SignalTriage? Triage, SignalStatus Status)
{
    /// <summary>The API's signal object: the contract's fields, then the optional lifecycle ones.</summary>
    public SignalDto ToDto()
    {
        var dto = Signal.ToDto();
        // A snooze that ran out leaves the signal open again: then nobody's word stands on it.
        var word = Status == SignalStatus.Open ? null : Triage;
        return dto with
        {
            Status = Status switch { SignalStatus.Acknowledged => "acknowledged", SignalStatus.Snoozed => "snoozed", _ => "open" },
            AcknowledgedBy = word?.ActedBy,
            AcknowledgedAt = word?.ActedAt,
            Note = word?.Note,
            SnoozedUntil = Status == SignalStatus.Snoozed ? word?.SnoozedUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>
    /// The status line in words, as the signal's triage bar reads it: "Acknowledged by … on 3 Oct 2026 14:05 UTC: note",
    /// "Snoozed until 10 Oct 2026 by …", "New: nobody has acknowledged it yet".
    /// </summary>
    public string StatusText => Status switch
    {
        SignalStatus.Acknowledged => $"Acknowledged by {Triage!.ActedBy} on {Triage.ActedAt.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC{NoteText}",
        SignalStatus.Snoozed => $"Snoozed until {Triage!.SnoozedUntil!.Value.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} by {Triage.ActedBy}{NoteText}",
        _ => "New: nobody has acknowledged it yet",
    };

    private string NoteText => Triage?.Note is { } note ? ": " + note : "";

    /// <summary>
    /// The status on <paramref name="today"/> (wall clock: a snooze ends on a calendar day, whatever the data's days):
    /// a snooze that ran out makes the signal new again, so it is seen.
    /// </summary>
    public static SignalStatus StatusOf(SignalTriage? triage, DateOnly today) => triage switch
    {
        null => SignalStatus.Open,
        { Status: SignalTriageStatus.Snoozed, SnoozedUntil: { } until } when until >= today => SignalStatus.Snoozed,
        { Status: SignalTriageStatus.Snoozed } => SignalStatus.Open,
        _ => SignalStatus.Acknowledged,
    };
}
