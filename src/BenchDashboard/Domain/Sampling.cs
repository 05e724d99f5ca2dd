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
    public List<TraceReview> Reviews { get; set; } = [];
}

public enum ReviewVerdict { Good, Bad }

public enum BenchWouldCatch { Yes, No, NotApplicable }

/// <summary>A reviewer's label of a sampled trace: "would the bench have caught this?"</summary>
public class TraceReview
{
    public long Id { get; set; }
    public long SampledTraceId { get; set; }
    public required string ReviewerId { get; set; }
    public ReviewVerdict Verdict { get; set; }
    public string? FailureCategory { get; set; }
    public BenchWouldCatch BenchWouldCatch { get; set; }
    public int? MatchedBenchCaseId { get; set; }
    public string? Notes { get; set; }
    /// <summary>JSON draft of the bench case a gap proposes.</summary>
    public string? ProposedCaseJson { get; set; }
    public DateTime ReviewedAt { get; set; }
}
