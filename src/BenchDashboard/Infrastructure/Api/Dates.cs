using System.Globalization;
using BenchDashboard.Domain;

namespace BenchDashboard.Infrastructure.Api;

/// <summary>Calendar dates as the API writes them, exactly <c>YYYY-MM-DD</c>, within <see cref="AcceptedDates"/>.</summary>
public static class Dates
{
    public static bool TryParse(string text, DateTime nowUtc, out DateOnly date, out string problem)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = $"'{ErrorEcho.Quote(text)}' is not a date in the form YYYY-MM-DD";
            return false;
        }
        problem = AcceptedDates.Problem(date, nowUtc) ?? "";
        return problem.Length == 0;
    }
}
