namespace BenchDashboard.Features.Bench.Cases;

/// <summary>Which cases the list shows by status (API.md's <c>status=active|retired|all</c>).</summary>
public enum CaseStatusFilter { Active, Retired, All }
