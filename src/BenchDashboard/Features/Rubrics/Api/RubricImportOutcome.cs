namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>
/// What importing a rubric version did: created it; completed the item-less version a bench run had named before its
/// rubric was imported; found it stored with the same content; or found it stored with other content (versions are immutable).
/// </summary>
public enum RubricImportOutcome { Created, Completed, Unchanged, Conflict }
