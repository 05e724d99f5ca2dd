namespace BenchDashboard.Domain;

public enum SamplingStrategy { Uniform, Stratified, NegativeFeedback }

public enum SamplingRoundStatus { Open, Closed }

/// <summary>The monthly draw of production traces that reviewers label.</summary>
public class SamplingRound
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    /// <summary>The month sampled, <c>YYYY-MM</c>.</summary>
    public required string Period { get; set; }
    public int Size { get; set; }
    public SamplingStrategy Strategy { get; set; }
    public int Seed { get; set; }
    /// <summary>Stratified: the least each category gets (when the size allows).</summary>
    public int MinPerCategory { get; set; } = 2;
    /// <summary>Negative-feedback strategy: the share of the sample kept for healthy traffic.</summary>
    public double HealthyShare { get; set; } = 0.3;
    /// <summary>The share of traces a second reviewer labels blind, for agreement (Cohen's kappa).</summary>
    public double DoubleReviewFraction { get; set; } = 0.15;
    public DateTime WindowFrom { get; set; }
    public DateTime WindowTo { get; set; }
    public SamplingRoundStatus Status { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public List<SampledTrace> Traces { get; set; } = [];
}

public class SampledTrace
{
    public long Id { get; set; }
    public int SamplingRoundId { get; set; }
    public long ProductionTraceId { get; set; }
    public ProductionTrace? ProductionTrace { get; set; }
    public int Position { get; set; }
    public string? AssignedReviewerId { get; set; }
    /// <summary>The blind second reviewer of a double-reviewed trace.</summary>
    public string? SecondReviewerId { get; set; }
    /// <summary>When the two reviewers disagreed, the label the lead settled on; otherwise the first reviewer's counts.</summary>
    public long? SettledReviewId { get; set; }
    public List<TraceReview> Reviews { get; set; } = [];
}

public enum ReviewVerdict { Good, Bad }

public enum BenchWouldCatch { Yes, No, NotApplicable }

public enum DraftCaseStatus { Pending, Accepted, Rejected }

/// <summary>
/// A reviewer's label of a sampled trace: "would the bench have caught this?" Saved field by field as the reviewer
/// chooses (so nothing is lost when the connection drops); <see cref="IsComplete"/> says when it counts.
/// </summary>
public class TraceReview
{
    public long Id { get; set; }
    public long SampledTraceId { get; set; }
    public required string ReviewerId { get; set; }
    public ReviewVerdict? Verdict { get; set; }
    public string? FailureCategory { get; set; }
    public BenchWouldCatch? BenchWouldCatch { get; set; }
    public int? MatchedBenchCaseId { get; set; }
    public string? Notes { get; set; }
    /// <summary>JSON draft of the bench case a gap proposes, with a snapshot of the trace as provenance.</summary>
    public string? ProposedCaseJson { get; set; }
    public DraftCaseStatus? DraftStatus { get; set; }
    /// <summary>The bench case created when the lead accepted the draft.</summary>
    public int? AcceptedBenchCaseId { get; set; }
    /// <summary>Last change; also what a reviewer's progress is ordered by.</summary>
    public DateTime ReviewedAt { get; set; }
    /// <summary>Bumped by every save: a save based on an older revision is refused instead of overwriting silently.</summary>
    public int Revision { get; set; }

    /// <summary>Good needs nothing more; Bad needs a failure category and the bench question (yes with its case).</summary>
    public bool IsComplete => IsCompleteLabel(Verdict, FailureCategory, BenchWouldCatch, MatchedBenchCaseId);

    public static bool IsCompleteLabel(ReviewVerdict? verdict, string? failureCategory, BenchWouldCatch? benchWouldCatch, int? matchedBenchCaseId) =>
        verdict switch
        {
            ReviewVerdict.Good => true,
            ReviewVerdict.Bad => !string.IsNullOrEmpty(failureCategory) && benchWouldCatch is { } b
                                 && (b != Domain.BenchWouldCatch.Yes || matchedBenchCaseId is not null),
            _ => false,
        };
}

/// <summary>A failure category reviewers choose from, maintained per project by a lead.</summary>
public class FailureCategory
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string Name { get; set; }
}
