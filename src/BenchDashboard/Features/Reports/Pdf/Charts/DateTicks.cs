namespace BenchDashboard.Features.Reports.Pdf.Charts;

/// <summary>
/// The days a time axis labels: month starts over a long period, Mondays over a few weeks, every day over a fortnight or
/// less; thinned to every k-th tick when their labels would otherwise touch.
/// </summary>
internal static class DateTicks
{
    public static IReadOnlyList<DateOnly> For(DateOnly from, DateOnly to, double axisWidth, double labelWidth)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        Func<DateOnly, bool> isTick = days > 62 ? d => d.Day == 1
            : days > 14 ? d => d.DayOfWeek == DayOfWeek.Monday
            : _ => true;
        var ticks = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
            if (isTick(d)) ticks.Add(d);
        if (ticks.Count == 0) ticks.Add(from);
        // Thin out so that each label has its own width plus a gap.
        var perDay = axisWidth / days;
        var minDays = (labelWidth + 8) / perDay;
        var step = 1;
        while (step < ticks.Count && Spacing(ticks, step) < minDays) step++;
        return ticks.Where((_, i) => i % step == 0).ToList();
    }

    private static double Spacing(List<DateOnly> ticks, int step)
    {
        var min = double.MaxValue;
        for (var i = step; i < ticks.Count; i += step)
            min = Math.Min(min, ticks[i].DayNumber - ticks[i - step].DayNumber);
        return min;
    }
}
