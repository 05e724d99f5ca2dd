using BenchDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Sampling;

/// <summary>A sampled trace with its assignment and every label, as summaries, exports and signals read it.</summary>
public sealed record RoundFacts(int RoundId, long SampledTraceId, int Position, long ProductionTraceId, string? AssignedReviewerId,
    string? SecondReviewerId, long? SettledReviewId, IReadOnlyList<LabelFacts> Labels)
{
    /// <summary>The label that counts (see <see cref="RoundLabels.Counting"/>), or null while there is none.</summary>
    public LabelFacts? Counting { get; } = RoundLabels.Counting(AssignedReviewerId, SettledReviewId, Labels);

    public LabelFacts? LabelBy(string? reviewerId) => Labels.FirstOrDefault(l => l.ReviewerId == reviewerId);

    public static async Task<IReadOnlyList<RoundFacts>> LoadAsync(AppDbContext db, IReadOnlyCollection<int> roundIds, CancellationToken ct)
    {
        if (roundIds.Count == 0) return [];
        var traces = await db.SampledTraces.AsNoTracking().Where(t => roundIds.Contains(t.SamplingRoundId))
            .Select(t => new
            {
                t.SamplingRoundId, t.Id, t.Position, t.ProductionTraceId, t.AssignedReviewerId, t.SecondReviewerId, t.SettledReviewId,
                Labels = t.Reviews.Select(r => new LabelFacts(r.Id, r.ReviewerId, r.Verdict, r.FailureCategory, r.BenchWouldCatch,
                    r.MatchedBenchCaseId, r.ReviewedAt, r.Notes)).ToList(),
            })
            .ToListAsync(ct);
        return traces.OrderBy(t => t.SamplingRoundId).ThenBy(t => t.Position)
            .Select(t => new RoundFacts(t.SamplingRoundId, t.Id, t.Position, t.ProductionTraceId, t.AssignedReviewerId, t.SecondReviewerId,
                t.SettledReviewId, t.Labels)).ToList();
    }
}
