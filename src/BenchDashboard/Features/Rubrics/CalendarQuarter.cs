using System.Globalization;

namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// A calendar quarter, written <c>YYYY-Qn</c> as in the address (<c>?quarter=2026-Q3</c>) and in
/// <see cref="Domain.RubricReview.Quarter"/>. Times are UTC; <see cref="End"/> is exclusive.
/// </summary>
public readonly record struct CalendarQuarter(int Year, int Number) : IComparable<CalendarQuarter>
{
    public DateTime Start => new(Year, 3 * Number - 2, 1, 0, 0, 0, DateTimeKind.Utc);

    public DateTime End => Start.AddMonths(3);

    /// <summary>The first day of each of the quarter's three months.</summary>
    public IReadOnlyList<DateOnly> Months
    {
        get
        {
            var first = DateOnly.FromDateTime(Start);
            return [first, first.AddMonths(1), first.AddMonths(2)];
        }
    }

    public CalendarQuarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public bool Contains(DateTime utc) => utc >= Start && utc < End;

    /// <summary>Whether a window [from, to) shares any time with the quarter.</summary>
    public bool Overlaps(DateTime from, DateTime to) => from < End && to > Start;

    public static CalendarQuarter Of(DateTime utc) => new(utc.Year, (utc.Month - 1) / 3 + 1);

    /// <summary>Reads <c>2026-Q3</c> (case-insensitive); null for anything else.</summary>
    public static CalendarQuarter? Parse(string? text)
    {
        if (text is not { Length: 7 } || char.ToUpperInvariant(text[5]) != 'Q' || text[4] != '-') return null;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000) return null;
        var number = text[6] - '0';
        return number is >= 1 and <= 4 ? new CalendarQuarter(year, number) : null;
    }

    public int CompareTo(CalendarQuarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public override string ToString() => $"{Year:0000}-Q{Number}";
}
