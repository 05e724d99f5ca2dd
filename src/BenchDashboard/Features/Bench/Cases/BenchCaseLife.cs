namespace BenchDashboard.Features.Bench.Cases;

/// <summary>
/// The one rule for "this case was in the bench on that day" (data time): from the day of its first run (or its
/// acceptance from a sampling gap) up to the day before its retirement. Input drift and the audit report's bench
/// composition both ask here.
/// </summary>
public static class BenchCaseLife
{
    public static bool ExistsOn(DateTime firstSeenAt, DateTime? retiredAt, DateOnly day) =>
        DateOnly.FromDateTime(firstSeenAt) <= day && (retiredAt is null || DateOnly.FromDateTime(retiredAt.Value) > day);
}
