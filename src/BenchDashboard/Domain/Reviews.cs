namespace BenchDashboard.Domain;

public enum RubricItemDecision { Keep, Change, Drop, Add }

/// <summary>The quarterly review of the rubric: for each item, do we still care, and what is missing?</summary>
public class RubricReview
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    /// <summary>The quarter reviewed, <c>YYYY-Qn</c>.</summary>
    public required string Quarter { get; set; }
    public int FromRubricVersionId { get; set; }
    public int? ToRubricVersionId { get; set; }
    public string? SignedOffBy { get; set; }
    public DateTime? SignedOffAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<RubricReviewDecision> Decisions { get; set; } = [];
}

public class RubricReviewDecision
{
    public int Id { get; set; }
    public int RubricReviewId { get; set; }
    public required string ItemKey { get; set; }
    public RubricItemDecision Decision { get; set; }
    public string? Rationale { get; set; }
}

public enum CaseChange { NewlyPassing, NewlyFailing, StillFailing, Added, Removed }

public enum UpgradeCaseDecision { Keep, Retire, Investigate, FixBench }

/// <summary>The per-upgrade audit: the bench run on the old and the new pipeline version, compared case by case.</summary>
public class UpgradeAudit
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int BaseRunId { get; set; }
    public int HeadRunId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? SignedOffBy { get; set; }
    public DateTime? SignedOffAt { get; set; }
    public List<UpgradeAuditDecision> Decisions { get; set; } = [];
}

public class UpgradeAuditDecision
{
    public int Id { get; set; }
    public int UpgradeAuditId { get; set; }
    public int BenchCaseId { get; set; }
    public CaseChange Change { get; set; }
    public UpgradeCaseDecision Decision { get; set; }
    public string? Rationale { get; set; }
}

/// <summary>A generated PDF audit report, stored with its SHA-256 so auditors can verify what they downloaded.</summary>
public class Report
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
}
