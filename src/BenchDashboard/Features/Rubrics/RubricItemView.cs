namespace BenchDashboard.Features.Rubrics;

/// <summary>One item of a rubric version as the page shows it.</summary>
public sealed record RubricItemView(string Key, string Description, double Weight);
