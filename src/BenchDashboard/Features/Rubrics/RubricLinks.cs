namespace BenchDashboard.Features.Rubrics;

/// <summary>The addresses of the rubric screens.</summary>
public static class RubricLinks
{
    public static string Rubrics(string slug) => $"/p/{Uri.EscapeDataString(slug)}/rubrics";

    /// <summary>The quarterly reviews (their own page).</summary>
    public static string Reviews(string slug) => $"{Rubrics(slug)}/reviews";

    public static string Round(string slug, int roundId) => $"/p/{Uri.EscapeDataString(slug)}/sampling/{roundId}";
}
