using System.Globalization;
using BenchDashboard.Domain;
using BenchDashboard.Features.Rubrics;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Reports;

/// <summary>
/// The days a report covers, first and last inclusive: the one owner of what a period may be, for the API's
/// <c>from</c>/<c>to</c> and the Reports page's range alike, and of what "in the period" means to the report's sections. Both days lie within <see cref="AcceptedDates"/>, the last
/// not before the first, and a period spans at most <see cref="MaxDays"/> days (two years: a longer report would be
/// slow to build and too long to read; issue one per year instead).
/// </summary>
public readonly record struct ReportPeriod(DateOnly From, DateOnly To)
{
    public const int MaxDays = 731;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Midnight UTC at the start of the first day: what every report section means by "in the period" is
    /// [<see cref="Start"/>, <see cref="End"/>) (decision 0036).</summary>
    public DateTime Start => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The first moment after the period: midnight after its last day.</summary>
    public DateTime End => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public bool Contains(DateTime at) => at >= Start && at < End;

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>Whether [<paramref name="from"/>, <paramref name="until"/>) shares time with the period (null: still going).</summary>
    public bool Overlaps(DateTime from, DateTime? until) => from < End && (until is null || until > Start);

    /// <summary>The calendar months the period touches, as <c>YYYY-MM</c>, oldest first.</summary>
    public IReadOnlyList<string> Months
    {
        get
        {
            var months = new List<string>();
            for (var m = new DateOnly(From.Year, From.Month, 1); m <= To; m = m.AddMonths(1)) months.Add(m.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            return months;
        }
    }

    /// <summary>The calendar quarter, first to last day.</summary>
    public static ReportPeriod Of(CalendarQuarter quarter) =>
        new(DateOnly.FromDateTime(quarter.Start), DateOnly.FromDateTime(quarter.End).AddDays(-1));

    /// <summary>Reads the two days as the API writes them; adds what is wrong to <paramref name="errors"/> (field names
    /// <c>from</c> and <c>to</c>) and returns null then.</summary>
    public static ReportPeriod? Read(string? from, string? to, DateTime nowUtc, ValidationErrors errors)
    {
        var first = Day("from", from, nowUtc, errors);
        var last = Day("to", to, nowUtc, errors);
        if (first is null || last is null) return null;
        var problem = Problem(first.Value, last.Value);
        if (problem is not null)
        {
            errors.Add("to", problem);
            return null;
        }
        return new ReportPeriod(first.Value, last.Value);
    }

    /// <summary>Why two accepted days make no period (null when they do), in words a form can show.</summary>
    public static string? Problem(DateOnly from, DateOnly to) =>
        to < from ? $"the last day ({Format(to)}) is before the first ({Format(from)})"
        : to.DayNumber - from.DayNumber + 1 > MaxDays ? $"a report covers at most {MaxDays} days (two years); this period has {to.DayNumber - from.DayNumber + 1}"
        : null;

    private static DateOnly? Day(string field, string? text, DateTime nowUtc, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "required: the period's " + (field == "from" ? "first" : "last") + " day as YYYY-MM-DD");
            return null;
        }
        if (Dates.TryParse(text, nowUtc, out var day, out var problem)) return day;
        errors.Add(field, problem);
        return null;
    }

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Both days as the API writes them: "2026-07-01 to 2026-09-30".</summary>
    public string ToIsoString() => $"{Format(From)} to {Format(To)}";

    /// <summary>"1 Jul – 30 Sep 2026", as pages and the report's sentences say it.</summary>
    public override string ToString() =>
        $"{From.ToString(From.Year == To.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture)} – {To.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
}
