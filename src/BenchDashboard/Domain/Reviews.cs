namespace BenchDashboard.Domain;

/// <summary>The quarterly review of the rubric: for each item, do we still care, and what is missing?</summary>
/// <summary>
/// The quarterly rubric review (decision 0031): starts from a version, decides each item, and when a different Lead or an
/// Admin approves it (four eyes), makes the next version (<see cref="ToRubricVersionId"/>). <see cref="SignedOffBy"/> and
/// <see cref="SignedOffAt"/> are the approval; the cadence signal counts a review as done from then.
/// </summary>
public class RubricReview
{
    public const int MaxReasonLength = 1000;

    public int Id { get; set; }
    public int ProjectId { get; set; }
    /// <summary>The quarter reviewed, <c>YYYY-Qn</c>.</summary>
    public required string Quarter { get; set; }
    public int FromRubricVersionId { get; set; }
    public int? ToRubricVersionId { get; set; }
    public RubricReviewStatus Status { get; set; }
    /// <summary>Who started it and proposes its decisions; never its approver.</summary>
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    /// <summary>Who approved it (a different Lead or an Admin).</summary>
    public string? SignedOffBy { get; set; }
    /// <summary>When it was approved.</summary>
    public DateTime? SignedOffAt { get; set; }
    public string? AbandonedBy { get; set; }
    public DateTime? AbandonedAt { get; set; }
    public string? AbandonReason { get; set; }
    public List<RubricItemDecision> Decisions { get; set; } = [];
}

/// <summary>
/// The per-upgrade audit: the bench run on the old and the new pipeline version, compared case by case. One audit per
/// (project, base run, head run). Its status is not stored: an audit is signed off exactly when it has a sign-off
/// (decision 0029), so the two can never disagree.
/// </summary>
public class UpgradeAudit
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int BaseRunId { get; set; }
    public int HeadRunId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Who opened the audit: a user's e-mail, or the API key's name.</summary>
    public string? CreatedBy { get; set; }
    public string? SignedOffBy { get; set; }
    public DateTime? SignedOffAt { get; set; }
    public List<UpgradeCaseDecision> Decisions { get; set; } = [];

    public UpgradeAuditStatus Status => SignedOffAt is null ? UpgradeAuditStatus.Open : UpgradeAuditStatus.SignedOff;
}
