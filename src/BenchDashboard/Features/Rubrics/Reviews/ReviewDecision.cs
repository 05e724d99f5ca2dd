using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>A review's decision on one item (keep, change, drop) or one added item.</summary>
public sealed record ReviewDecision(string ItemKey, RubricItemVerdict Decision, string? Description, double? Weight, string? FailureCategory,
    string Rationale, string DecidedBy, DateTime DecidedAt);
