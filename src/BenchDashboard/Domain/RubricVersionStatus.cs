namespace BenchDashboard.Domain;

/// <summary>Where a rubric version came from: sent through the API, or made by an approved quarterly review.</summary>
public enum RubricVersionStatus { Imported, Approved }
