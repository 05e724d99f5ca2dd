namespace BenchDashboard.Features.Sampling;

/// <summary>Who labels a sampled trace (null: anyone), and who labels it a second time, blind.</summary>
public sealed record Assignment(string? First, string? Second);

/// <summary>
/// Hands the sampled traces to reviewers. The first reviewer goes round-robin (or as the lead chose by hand); a share
/// of the traces, picked with the round's seed, gets a second reviewer for agreement, spread so that every reviewer
/// carries about the same number of second reviews and never reviews a trace twice.
/// </summary>
public static class ReviewerAssignment
{
    public static IReadOnlyList<string> RoundRobin(int items, IReadOnlyList<string> reviewers)
    {
        if (reviewers.Count == 0) throw new ArgumentException("At least one reviewer is needed.", nameof(reviewers));
        return Enumerable.Range(0, items).Select(i => reviewers[i % reviewers.Count]).ToList();
    }

    /// <summary>How many traces a fraction asks for: at least one when the fraction is positive and there are traces.</summary>
    public static int DoubleReviewCount(int items, double fraction) =>
        fraction <= 0 || items == 0 ? 0 : Math.Clamp((int)Math.Round(items * fraction, MidpointRounding.AwayFromZero), 1, items);

    public static IReadOnlyList<Assignment> WithSecondReviewers(IReadOnlyList<string> firsts, IReadOnlyList<string> reviewers, double fraction, int seed)
    {
        var assignments = firsts.Select(f => new Assignment(f, null)).ToArray();
        var count = DoubleReviewCount(firsts.Count, fraction);
        if (count == 0 || reviewers.Distinct().Count() < 2) return assignments;

        // The seed picks which traces (a different stream than the sample's own draw, so the two do not correlate).
        var positions = Enumerable.Range(0, firsts.Count).ToList();
        new SplitMix64(seed ^ 0x5EC0D).Shuffle(positions);
        var load = reviewers.Distinct().ToDictionary(r => r, _ => 0);
        foreach (var position in positions.Take(count).Order())
        {
            var first = firsts[position];
            var second = load.Where(r => r.Key != first).OrderBy(r => r.Value).ThenBy(r => reviewers.ToList().IndexOf(r.Key)).First().Key;
            load[second]++;
            assignments[position] = assignments[position] with { Second = second };
        }
        return assignments;
    }
}
