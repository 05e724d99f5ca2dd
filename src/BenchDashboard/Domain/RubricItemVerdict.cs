namespace BenchDashboard.Domain;

/// <summary>What a rubric review does with an item: keep it, change its wording, drop it, or add a new one.</summary>
public enum RubricItemVerdict { Keep, Change, Drop, Add }
