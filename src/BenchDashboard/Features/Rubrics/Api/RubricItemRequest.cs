namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>One item of an imported rubric version, after validation.</summary>
public sealed record RubricItemRequest(string Key, string Description, double Weight);
