namespace BenchDashboard.Features.Signals.Rules;

/// <summary>When a signal started: the earliest day from which its rule held without a break, up to <c>asOf</c>.</summary>
internal static class Since
{
    public static DateOnly WalkBack(DateOnly asOf, int maxDays, Func<DateOnly, bool> holds, int stepDays = 1)
    {
        var since = asOf;
        for (var day = asOf.AddDays(-stepDays); day >= asOf.AddDays(-maxDays) && holds(day); day = day.AddDays(-stepDays)) since = day;
        return since;
    }
}
