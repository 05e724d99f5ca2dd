using BenchDashboard.Domain;

namespace BenchDashboard.Features.Bench.Cases;

/// <summary>Everything the case page shows; <see cref="Results"/> newest run first, <see cref="History"/> newest change first.</summary>
public sealed record CaseDetail(string CaseId, string? Input, string? ExpectedBehaviour, string? Category, BenchCaseStatus Status,
    BenchCaseSource Source, string? ProvenanceTraceJson, DateTime FirstSeenAt, DateTime? RetiredAt,
    IReadOnlyList<CaseRunResult> Results, IReadOnlyList<CaseStatusChange> History);
