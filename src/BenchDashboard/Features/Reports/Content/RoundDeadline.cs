using System.Globalization;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// When the sampling round of a month is on time (decision 0036): closed at the latest on the month's last day plus the
/// project's sampling cadence (<see cref="Signals.SignalSettings.SamplingEveryDays"/>, 31 days by default), so a round of
/// October that closes by 1 December is on time. A round samples a finished month, so it cannot close before it ends.
/// </summary>
public static class RoundDeadline
{
    /// <summary>The last day on which the round of <paramref name="period"/> (<c>YYYY-MM</c>) closes on time; null for
    /// a period that is not a month.</summary>
    public static DateOnly? DueBy(string period, int everyDays) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.AddMonths(1).AddDays(-1).AddDays(everyDays)
            : null;

    public static bool OnTime(string period, DateTime? closedAt, int everyDays) =>
        closedAt is { } at && DueBy(period, everyDays) is { } due && DateOnly.FromDateTime(at) <= due;
}
