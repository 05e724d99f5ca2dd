namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>An item of a rubric version in the API (API.md, Rubrics).</summary>
public sealed record RubricItemContract(string Key, string Description, double Weight);
