using BenchDashboard.Features.Rubrics;

namespace BenchDashboard.Features.Reports;

/// <summary>A period the Reports page offers in one click: the current quarter so far and the four before it, the last
/// complete quarter first (what an auditor usually asks for).</summary>
public sealed record ReportPeriodChoice(string Key, string Label, ReportPeriod Period)
{
    public const string Custom = "custom";

    public static IReadOnlyList<ReportPeriodChoice> For(DateOnly today)
    {
        var current = CalendarQuarter.Of(today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var choices = new List<ReportPeriodChoice>();
        var quarter = current.Previous;
        for (var i = 0; i < 4; i++, quarter = quarter.Previous)
        {
            var period = ReportPeriod.Of(quarter);
            choices.Add(new(quarter.ToString(), $"{quarter} ({period.From:d MMM} – {period.To:d MMM yyyy})", period));
        }
        var soFar = ReportPeriod.Of(current) with { To = today };
        choices.Insert(1, new(current.ToString(), $"{current} so far ({soFar.From:d MMM} – {today:d MMM yyyy})", soFar));
        return choices;
    }
}
