using System.Globalization;

namespace BenchDashboard.Features.Rubrics;

/// <summary>How the rubric screens write their numbers: a share as a percentage with one decimal, counts with separators.</summary>
public static class RubricText
{
    public static string Percent(double? share) => share is { } s ? (100 * s).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "—";

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Month(DateOnly month) => month.ToString("MMM", CultureInfo.InvariantCulture);
}
