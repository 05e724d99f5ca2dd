namespace BenchDashboard.Domain;

public enum BenchCaseStatus { Active, Retired }

public enum BenchCaseSource { Imported, ProductionGap, Incident }

/// <summary>A test case of the eval bench, known by the id the bench runner uses.</summary>
public class BenchCase
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string ExternalId { get; set; }
    public string? Input { get; set; }
    public string? ExpectedBehaviour { get; set; }
    public string? Category { get; set; }
    public BenchCaseStatus Status { get; set; }
    public BenchCaseSource Source { get; set; }
    /// <summary>JSON snapshot of the production trace a gap case came from; kept because traces may be deleted.</summary>
    public string? ProvenanceTraceJson { get; set; }
    /// <summary>When the row was written (wall clock); as-of questions use <see cref="FirstSeenAt"/> instead.</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// Data time: the start of the first run that included the case, or its acceptance from a sampling gap. A team
    /// that imports a year of bench history today has its cases as of the runs, not as of today.
    /// </summary>
    public DateTime FirstSeenAt { get; set; }
    /// <summary>When the case was retired (set with <see cref="Status"/> Retired); runs before then still count it.</summary>
    public DateTime? RetiredAt { get; set; }
}

/// <summary>One execution of the bench against one pipeline version and rubric version.</summary>
public class BenchRun
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string RunId { get; set; }
    public int PipelineVersionId { get; set; }
    public PipelineVersion? PipelineVersion { get; set; }
    public int? RubricVersionId { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>SHA-256 of the run as sent, so a re-sent run is recognised as a duplicate and a changed one as a conflict.</summary>
    public string? ContentHash { get; set; }
    public List<BenchResult> Results { get; set; } = [];
}

public class BenchResult
{
    public int Id { get; set; }
    public int BenchRunId { get; set; }
    public int BenchCaseId { get; set; }
    public BenchCase? BenchCase { get; set; }
    public bool Passed { get; set; }
    public double? Score { get; set; }
    /// <summary>JSON object: rubric item key to pass/fail, when the runner reports per-item outcomes.</summary>
    public string? ItemOutcomesJson { get; set; }
}

/// <summary>
/// An immutable version of the grading rubric; a change makes a new version (decision 0031). Imported through the API,
/// or created by an approved quarterly review (<see cref="RubricReview"/>), which then names who approved it.
/// </summary>
public class RubricVersion
{
    public const int MaxNotesLength = 2000;

    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int Number { get; set; }
    public RubricVersionStatus Status { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? Notes { get; set; }
    /// <summary>When the row was written (wall clock).</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>In the order the rubric lists them.</summary>
    public List<RubricItem> Items { get; set; } = [];
}
