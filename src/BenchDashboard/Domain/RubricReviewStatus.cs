namespace BenchDashboard.Domain;

/// <summary>A quarterly rubric review's state: its author edits a draft, submits it, and a different Lead or an Admin
/// approves it (which makes the new rubric version); a draft or a submitted review can be abandoned with a reason.</summary>
public enum RubricReviewStatus { Draft, Submitted, Approved, Abandoned }
