namespace BenchDashboard.Features.Reports.Content;

/// <summary>The bench at the period's end: active cases, how many came from each source and category, how many runs
/// were imported in the period, and how many cases were added and retired in it.</summary>
public sealed record ReportBench(int ActiveCases, IReadOnlyList<ReportCount> BySource, IReadOnlyList<ReportCount> ByCategory,
    int RunsInPeriod, int CasesAdded, int CasesRetired);
