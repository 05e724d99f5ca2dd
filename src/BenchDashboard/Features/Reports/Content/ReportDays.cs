using System.Globalization;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The days a report covers, <see cref="From"/> to <see cref="To"/> both included, and the same as UTC times
/// [<see cref="Start"/>, <see cref="End"/>): what every section means by "in the period" (decision 0036). What a period
/// may be (its limits, how the API reads it) is the archive's ReportPeriod; nothing is validated here.
/// </summary>
public readonly record struct ReportDays(DateOnly From, DateOnly To)
{
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

    /// <summary>"1 Aug – 31 Oct 2026".</summary>
    public override string ToString() =>
        $"{From.ToString(From.Year == To.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture)} – {To.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
}
