using BenchDashboard.Domain;

namespace BenchDashboard.Features.Bench.Cases;

/// <summary>
/// One case in the list: what it is, and how it did in the last <see cref="BenchCaseQueries.RecentRuns"/> runs that
/// included it (<see cref="RecentRuns"/> says how many there were; 0 when no run included it yet).
/// </summary>
public sealed record CaseRow(string CaseId, string? Category, BenchCaseStatus Status, BenchCaseSource Source, string InputStart,
    int RecentRuns, int RecentPassed, bool? LastPassed, string? LastRunId, DateTime? LastRunAt);
