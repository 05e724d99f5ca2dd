namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>
/// A quarterly rubric review in <c>GET …/rubric-reviews</c> (API.md, Rubrics): proposedBy is its author, approvedBy and
/// approvedAt its four-eyes approval; toVersion is the version the approval made (null before).
/// </summary>
public sealed record RubricReviewContract(int ReviewId, string Quarter, int FromVersion, int? ToVersion, string Status, string? ProposedBy,
    string? ApprovedBy, DateTime? ApprovedAt, IReadOnlyList<RubricItemDecisionContract> Decisions);
