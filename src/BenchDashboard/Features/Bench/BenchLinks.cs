namespace BenchDashboard.Features.Bench;

/// <summary>The Bench pages' addresses, built in one place so ids with spaces, slashes or '#' survive the trip.</summary>
public static class BenchLinks
{
    public static string Bench(string slug) => $"/p/{Uri.EscapeDataString(slug)}/bench";

    public static string Runs(string slug) => $"{Bench(slug)}?view=runs";

    public static string Case(string slug, string caseId) => $"{Bench(slug)}/cases/{Uri.EscapeDataString(caseId)}";

    public static string Compare(string slug, string baseRunId, string headRunId) =>
        $"{Bench(slug)}/compare?base={Uri.EscapeDataString(baseRunId)}&head={Uri.EscapeDataString(headRunId)}";
}
