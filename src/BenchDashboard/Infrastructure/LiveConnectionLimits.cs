using BenchDashboard.Features.Review;

namespace BenchDashboard.Infrastructure;

/// <summary>
/// What one message from a browser to its live page connection (SignalR) may hold. SignalR's default, 32 KB, is smaller
/// than the largest text field (a draft bench case's input), and a message over the limit drops the connection without a
/// word: what the reviewer typed was lost. The limit fits that field at the worst JSON cost of a character (a control
/// character escaped as six bytes) plus the event's envelope; every text field carries its own maxlength, so a browser
/// never sends more than its field allows.
/// </summary>
public static class LiveConnectionLimits
{
    public const long MaxReceiveBytes = DraftCase.MaxInputLength * 6L + 64 * 1024;
}
