namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>An item of a rubric version, as a review shows and proposes it.</summary>
public sealed record ReviewItem(string Key, string Description, double Weight);
