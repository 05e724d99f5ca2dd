using BenchDashboard.Domain;

namespace BenchDashboard.Features.Sampling;

/// <summary>One reviewer's label as the round's arithmetic needs it.</summary>
public sealed record LabelFacts(long ReviewId, string ReviewerId, ReviewVerdict? Verdict, string? FailureCategory, BenchWouldCatch? BenchWouldCatch,
    int? MatchedBenchCaseId, DateTime ReviewedAt, string? Notes = null)
{
    public bool IsComplete => TraceReview.IsCompleteLabel(Verdict, FailureCategory, BenchWouldCatch, MatchedBenchCaseId);

    /// <summary>A failure the bench question applies to.</summary>
    public bool IsFailure => Verdict == ReviewVerdict.Bad && BenchWouldCatch is not null and not Domain.BenchWouldCatch.NotApplicable;
    public bool IsGap => Verdict == ReviewVerdict.Bad && BenchWouldCatch == Domain.BenchWouldCatch.No;
}

/// <summary>
/// Which label of a sampled trace counts: the one the lead settled on after a disagreement, else the first
/// reviewer's, else (unassigned traces) the earliest complete one. Only complete labels count. The coverage and
/// cadence signals, the round summary and the API all use this rule.
/// </summary>
public static class RoundLabels
{
    public static LabelFacts? Counting(string? assignedReviewerId, long? settledReviewId, IReadOnlyList<LabelFacts> labels)
    {
        var complete = labels.Where(l => l.IsComplete).ToList();
        return complete.FirstOrDefault(l => l.ReviewId == settledReviewId)
               ?? complete.FirstOrDefault(l => l.ReviewerId == assignedReviewerId)
               ?? (assignedReviewerId is null ? complete.MinBy(l => l.ReviewedAt) : null);
    }

    /// <summary>Two complete labels that differ on the verdict or, for failures, on the bench question.</summary>
    public static bool Disagree(LabelFacts a, LabelFacts b) =>
        a.Verdict != b.Verdict || a.Verdict == ReviewVerdict.Bad && a.BenchWouldCatch != b.BenchWouldCatch;

    /// <summary>The label's answer as one category for agreement: good, or bad with the bench answer.</summary>
    public static string AgreementCategory(LabelFacts l) => l.Verdict == ReviewVerdict.Good ? "good" : $"bad/{l.BenchWouldCatch}";
}
