using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>One rubric review as its page shows it: the version it starts from with its items, the decisions so far, and
/// where the review stands.</summary>
public sealed record RubricReviewView(int ReviewId, string Quarter, int FromVersion, int? ToVersion, RubricReviewStatus Status,
    string? CreatedBy, DateTime CreatedAt, DateTime? SubmittedAt, string? SignedOffBy, DateTime? SignedOffAt,
    string? AbandonedBy, DateTime? AbandonedAt, string? AbandonReason,
    IReadOnlyList<ReviewItem> Items, IReadOnlyList<ReviewDecision> Decisions)
{
    public bool IsOpen => Status is RubricReviewStatus.Draft or RubricReviewStatus.Submitted;

    /// <summary>The decision on an item of the from-version, or null.</summary>
    public ReviewDecision? DecisionOn(string key) =>
        Decisions.FirstOrDefault(d => d.Decision != RubricItemVerdict.Add && string.Equals(d.ItemKey, key, StringComparison.Ordinal));

    /// <summary>Items of the from-version with no decision yet: submitting waits for them.</summary>
    public IReadOnlyList<string> Undecided => Items.Where(i => DecisionOn(i.Key) is null).Select(i => i.Key).ToList();

    public IReadOnlyList<ReviewDecision> Added => Decisions.Where(d => d.Decision == RubricItemVerdict.Add).ToList();

    public IReadOnlyList<string> Dropped => Decisions.Where(d => d.Decision == RubricItemVerdict.Drop).Select(d => d.ItemKey).ToList();

    /// <summary>The changed items with their old and new wording, in the rubric's order.</summary>
    public IReadOnlyList<(ReviewItem Old, ReviewDecision Change)> Changed =>
        Items.Select(i => (Old: i, Change: DecisionOn(i.Key)!)).Where(p => p.Change?.Decision == RubricItemVerdict.Change).ToList();

    /// <summary>
    /// The items the new version will have, in order: the from-version's kept and changed items where they stood (a change
    /// takes its new wording, and its new weight when it has one), then the added ones in the order they were added.
    /// </summary>
    public IReadOnlyList<ReviewItem> Proposed =>
        Items.Select(i => (Item: i, Decision: DecisionOn(i.Key)))
            .Where(p => p.Decision?.Decision != RubricItemVerdict.Drop)
            .Select(p => p.Decision is { Decision: RubricItemVerdict.Change } c
                ? new ReviewItem(p.Item.Key, c.Description ?? p.Item.Description, c.Weight ?? p.Item.Weight)
                : p.Item)
            .Concat(Added.Select(a => new ReviewItem(a.ItemKey, a.Description ?? "", a.Weight ?? 1)))
            .ToList();
}
