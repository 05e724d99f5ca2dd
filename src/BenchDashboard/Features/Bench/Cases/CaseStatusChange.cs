namespace BenchDashboard.Features.Bench.Cases;

/// <summary>A retirement or reactivation of the case as the audit log records it: who, when, why.</summary>
public sealed record CaseStatusChange(DateTime At, string Actor, bool Retired, string? Reason);
