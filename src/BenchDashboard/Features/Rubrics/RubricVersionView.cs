using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics;

/// <summary>A rubric version with its items in rubric order, and where it came from.</summary>
public sealed record RubricVersionView(int Number, RubricVersionStatus Status, string? ApprovedBy, DateTime? ApprovedAt, string? Notes,
    DateTime CreatedAt, IReadOnlyList<RubricItemView> Items);
