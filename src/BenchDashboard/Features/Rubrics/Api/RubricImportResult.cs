namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>The outcome of a rubric import, and for a conflict what differs from the stored version.</summary>
public sealed record RubricImportResult(RubricImportOutcome Outcome, string? Conflict = null);
