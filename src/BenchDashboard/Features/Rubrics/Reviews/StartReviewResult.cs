namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>What starting the quarter's review gave: a new review, the open one (at most one per project), or why neither.</summary>
public sealed record StartReviewResult(StartReviewOutcome Outcome, int ReviewId = 0, string? Problem = null);
