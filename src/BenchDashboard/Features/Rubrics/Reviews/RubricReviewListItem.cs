using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>A review in the project's list of reviews.</summary>
public sealed record RubricReviewListItem(int ReviewId, string Quarter, int FromVersion, int? ToVersion, RubricReviewStatus Status,
    string? CreatedBy, DateTime CreatedAt, string? SignedOffBy, DateTime? SignedOffAt);
