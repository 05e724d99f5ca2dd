using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Review;
using BenchDashboard.Statistics;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Sampling;

public sealed record ReviewerProgress(string ReviewerId, string Email, int Assigned, int Labelled);

public sealed record AgreementFigure(string Label, KappaResult Kappa);

/// <summary>
/// A double-reviewed trace whose two complete labels differ and that the lead has not settled yet, with the trace's
/// text so the lead can decide (a lead is usually not one of its reviewers and has no workbench view of it).
/// </summary>
public sealed record Disagreement(long SampledTraceId, int Position, string TraceId, LabelFacts First, string FirstEmail, LabelFacts Second,
    string SecondEmail, string Input, string? Output);

public sealed record DraftRow(long ReviewId, int Position, string TraceId, string ReviewerEmail, DraftCase Draft, DraftCaseStatus Status,
    string? AcceptedCaseExternalId);

/// <summary>The lead's view of a round (and the API's): API.md's figures plus what closing needs.</summary>
public sealed record RoundSummary(
    int RoundId, string Period, SamplingRoundStatus Status, SamplingStrategy Strategy, int Seed, DateOnly From, DateOnly To, DateTime CreatedAt,
    DateTime? ClosedAt, int Size, int Reviewed, int Failures, int BenchWouldCatch, double? CatchRate, double? CatchRateLow, double? CatchRateHigh,
    int Gaps, IReadOnlyList<ReviewerProgress> Reviewers, IReadOnlyList<AgreementFigure> Agreement, IReadOnlyList<Disagreement> Disagreements,
    IReadOnlyList<DraftRow> Drafts);

public enum RoundChange { Done, NotFound, Closed, Invalid }

/// <summary>Summary, settling disagreements, accepting gap cases into the bench, and closing a round; each change is audited.</summary>
public sealed class RoundService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public async Task<RoundSummary?> GetAsync(int projectId, int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.SamplingRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.ProjectId == projectId, ct);
        if (round is null) return null;
        var facts = await RoundFacts.LoadAsync(db, [roundId], ct);
        var traceIds = await TraceIdsAsync(db, facts, ct);
        var emails = await EmailsAsync(db, facts, ct);
        string Email(string? id) => id is null ? "(anyone)" : emails.GetValueOrDefault(id, id);

        var counting = facts.Where(f => f.Counting is not null).Select(f => f.Counting!).ToList();
        var failures = counting.Where(l => l.IsFailure).ToList();
        var caught = failures.Count(l => l.BenchWouldCatch == BenchWouldCatch.Yes);
        (double Low, double High)? interval = failures.Count == 0 ? null : Intervals.Wilson(caught, failures.Count);

        var reviewers = facts.SelectMany(f => new[] { (f.AssignedReviewerId, f), (f.SecondReviewerId, f) })
            .Where(x => x.Item1 is not null)
            .GroupBy(x => x.Item1!)
            .Select(g => new ReviewerProgress(g.Key, Email(g.Key), g.Count(), g.Count(x => x.f.LabelBy(g.Key)?.IsComplete == true)))
            .OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList();

        var pairs = facts.Where(f => f.SecondReviewerId is not null)
            .Select(f => (Facts: f, First: f.LabelBy(f.AssignedReviewerId), Second: f.LabelBy(f.SecondReviewerId)))
            .Where(p => p.First is { IsComplete: true } && p.Second is { IsComplete: true })
            .ToList();
        var agreement = new List<AgreementFigure>
        {
            new("Round", CohensKappa.Compute(pairs.Select(p => (RoundLabels.AgreementCategory(p.First!), RoundLabels.AgreementCategory(p.Second!))))),
        };
        agreement.AddRange(pairs
            .GroupBy(p => string.CompareOrdinal(p.First!.ReviewerId, p.Second!.ReviewerId) < 0
                ? (p.First!.ReviewerId, p.Second!.ReviewerId) : (p.Second!.ReviewerId, p.First!.ReviewerId))
            .Select(g => new AgreementFigure($"{Email(g.Key.Item1)} · {Email(g.Key.Item2)}",
                CohensKappa.Compute(g.Select(p => (RoundLabels.AgreementCategory(p.First!), RoundLabels.AgreementCategory(p.Second!)))))));

        var disputed = pairs.Where(p => p.Facts.SettledReviewId is null && RoundLabels.Disagree(p.First!, p.Second!)).ToList();
        var disputedIds = disputed.Select(p => p.Facts.ProductionTraceId).ToList();
        var texts = await db.ProductionTraces.AsNoTracking().Where(t => disputedIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => (t.Input, t.Output), ct);
        var disagreements = disputed
            .Select(p => new Disagreement(p.Facts.SampledTraceId, p.Facts.Position, traceIds[p.Facts.ProductionTraceId],
                p.First!, Email(p.First!.ReviewerId), p.Second!, Email(p.Second!.ReviewerId),
                texts[p.Facts.ProductionTraceId].Input, texts[p.Facts.ProductionTraceId].Output))
            .ToList();

        var drafts = await db.TraceReviews.AsNoTracking()
            .Where(r => r.ProposedCaseJson != null && r.DraftStatus != null && db.SampledTraces.Any(t => t.Id == r.SampledTraceId && t.SamplingRoundId == roundId))
            .Select(r => new
            {
                r.Id, r.SampledTraceId, r.ReviewerId, r.ProposedCaseJson, r.DraftStatus,
                Accepted = db.BenchCases.Where(c => c.Id == r.AcceptedBenchCaseId).Select(c => c.ExternalId).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var positions = facts.ToDictionary(f => f.SampledTraceId);
        var draftRows = drafts
            .Select(d => (d, Draft: DraftCase.FromJson(d.ProposedCaseJson)))
            .Where(x => x.Draft is not null)
            .Select(x => new DraftRow(x.d.Id, positions[x.d.SampledTraceId].Position, traceIds[positions[x.d.SampledTraceId].ProductionTraceId],
                Email(x.d.ReviewerId), x.Draft!, x.d.DraftStatus!.Value, x.d.Accepted))
            .OrderBy(d => d.Position).ToList();

        return new RoundSummary(round.Id, round.Period, round.Status, round.Strategy, round.Seed, DateOnly.FromDateTime(round.WindowFrom),
            DateOnly.FromDateTime(round.WindowTo.AddTicks(-1)), round.CreatedAt, round.ClosedAt, facts.Count, counting.Count, failures.Count, caught,
            failures.Count == 0 ? null : (double)caught / failures.Count, interval?.Low, interval?.High,
            counting.Count(l => l.IsGap), reviewers, agreement, disagreements, draftRows);
    }

    internal static async Task<Dictionary<long, string>> TraceIdsAsync(AppDbContext db, IReadOnlyList<RoundFacts> facts, CancellationToken ct)
    {
        var ids = facts.Select(f => f.ProductionTraceId).ToList();
        return await db.ProductionTraces.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.TraceId, ct);
    }

    internal static async Task<Dictionary<string, string>> EmailsAsync(AppDbContext db, IReadOnlyList<RoundFacts> facts, CancellationToken ct)
    {
        var ids = facts.SelectMany(f => f.Labels.Select(l => l.ReviewerId).Append(f.AssignedReviewerId).Append(f.SecondReviewerId))
            .OfType<string>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
    }

    /// <summary>The lead decides which of two disagreeing labels counts.</summary>
    public async Task<RoundChange> SettleAsync(int projectId, long sampledTraceId, long reviewId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trace = await db.SampledTraces.Include(t => t.Reviews)
            .FirstOrDefaultAsync(t => t.Id == sampledTraceId && db.SamplingRounds.Any(r => r.Id == t.SamplingRoundId && r.ProjectId == projectId), ct);
        if (trace is null || trace.Reviews.All(r => r.Id != reviewId)) return RoundChange.NotFound;
        trace.SettledReviewId = reviewId;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor, AuditActions.DisagreementSettled, $"sampled-trace:{sampledTraceId}", new { ReviewId = reviewId }, ct);
        return RoundChange.Done;
    }

    /// <summary>Adds the draft to the bench as an active case from a production gap, keeping the trace snapshot as provenance.</summary>
    public async Task<RoundChange> AcceptDraftAsync(int projectId, long reviewId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await FindDraftAsync(db, projectId, reviewId, ct);
        if (review is null || DraftCase.FromJson(review.ProposedCaseJson) is not { } draft) return RoundChange.NotFound;
        if (review.DraftStatus == DraftCaseStatus.Accepted) return RoundChange.Done;
        if (string.IsNullOrWhiteSpace(draft.Input)) return RoundChange.Invalid;

        var externalId = await FreeCaseIdAsync(db, projectId, $"gap-{draft.Provenance.TraceId}", ct);
        var benchCase = draft.ToBenchCase(projectId, externalId, clock.GetUtcNow().UtcDateTime);
        db.BenchCases.Add(benchCase);
        await db.SaveChangesAsync(ct);
        review.DraftStatus = DraftCaseStatus.Accepted;
        review.AcceptedBenchCaseId = benchCase.Id;
        review.Revision++;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor, AuditActions.DraftCaseAccepted, $"bench-case:{externalId}", new { ReviewId = reviewId, draft.Provenance.TraceId }, ct);
        return RoundChange.Done;
    }

    public async Task<RoundChange> RejectDraftAsync(int projectId, long reviewId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await FindDraftAsync(db, projectId, reviewId, ct);
        if (review is null) return RoundChange.NotFound;
        if (review.DraftStatus == DraftCaseStatus.Accepted) return RoundChange.Invalid;
        review.DraftStatus = DraftCaseStatus.Rejected;
        review.Revision++;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor, AuditActions.DraftCaseRejected, $"trace-review:{reviewId}", null, ct);
        return RoundChange.Done;
    }

    private static Task<TraceReview?> FindDraftAsync(AppDbContext db, int projectId, long reviewId, CancellationToken ct) =>
        db.TraceReviews.FirstOrDefaultAsync(r => r.Id == reviewId && r.ProposedCaseJson != null
            && db.SampledTraces.Any(t => t.Id == r.SampledTraceId && db.SamplingRounds.Any(s => s.Id == t.SamplingRoundId && s.ProjectId == projectId)), ct);

    private static async Task<string> FreeCaseIdAsync(AppDbContext db, int projectId, string wanted, CancellationToken ct)
    {
        var candidate = wanted.Length > 240 ? wanted[..240] : wanted;
        for (var n = 2; await db.BenchCases.AnyAsync(c => c.ProjectId == projectId && c.ExternalId == candidate, ct); n++)
        {
            candidate = $"{(wanted.Length > 240 ? wanted[..240] : wanted)}-{n}";
        }
        return candidate;
    }

    /// <summary>Closes the round: its labels become final and feed the coverage and cadence signals.</summary>
    public async Task<RoundChange> CloseAsync(int projectId, int roundId, string actor, CancellationToken ct = default)
    {
        var summary = await GetAsync(projectId, roundId, ct);
        if (summary is null) return RoundChange.NotFound;
        if (summary.Status == SamplingRoundStatus.Closed) return RoundChange.Closed;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var closedAt = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.SamplingRounds.Where(r => r.Id == roundId && r.Status == SamplingRoundStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SamplingRoundStatus.Closed).SetProperty(r => r.ClosedAt, closedAt), ct);
        if (changed == 0) return RoundChange.Closed;
        // ExecuteUpdate bypasses SaveChanges; a closed round feeds coverage and cadence, so the signals' data version moves with it.
        await ProjectDataVersion.BumpAsync(db, [projectId], ct);
        await transaction.CommitAsync(ct);
        await audit.AppendAsync(actor, AuditActions.SamplingRoundClosed, $"sampling-round:{roundId}", new
        {
            summary.Period, summary.Size, summary.Reviewed, summary.Failures, summary.BenchWouldCatch, summary.CatchRate, summary.Gaps,
            Disagreements = summary.Disagreements.Count, DraftsAccepted = summary.Drafts.Count(d => d.Status == DraftCaseStatus.Accepted),
        }, ct);
        return RoundChange.Done;
    }
}
