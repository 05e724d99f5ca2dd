namespace BenchDashboard.Domain;

/// <summary>
/// A review's decision on one rubric item, with its rationale. Stored in <c>RubricItemDecisions</c>: an older retired
/// table was called RubricReviewDecisions and may still exist in old databases.
/// </summary>
public class RubricItemDecision
{
    /// <summary>A rationale is a few sentences, not an essay; the page and the database share the limit.</summary>
    public const int MaxRationale = 2000;

    public int Id { get; set; }
    public int RubricReviewId { get; set; }
    /// <summary>The item's key: an existing item's for keep, change and drop; the new item's for add.</summary>
    public required string ItemKey { get; set; }
    public RubricItemVerdict Decision { get; set; }
    /// <summary>The wording the new version will have: the new wording for change and add; null for keep and drop.</summary>
    public string? Description { get; set; }
    /// <summary>The weight the new version will have for change and add; null keeps the old weight.</summary>
    public double? Weight { get; set; }
    /// <summary>For an added item, the failure category from the sampling rounds it answers, if it came from one.</summary>
    public string? FailureCategory { get; set; }
    public required string Rationale { get; set; }
    public required string DecidedBy { get; set; }
    public DateTime DecidedAt { get; set; }
}
