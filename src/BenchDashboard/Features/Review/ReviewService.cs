using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Review;

/// <summary>One entry of a reviewer's queue in a round.</summary>
public sealed record WorkItem(long SampledTraceId, int Position, bool IsSecondReview, bool IsComplete);

public sealed record FeedbackItem(string Kind, double? Value, DateTime Timestamp);

/// <summary>Everything the workbench shows for one trace. Never another reviewer's label: second reviews are blind.</summary>
public sealed record WorkbenchTrace(
    long SampledTraceId, int Position, int RoundId, bool RoundOpen, bool IsSecondReview,
    string TraceId, DateTime Timestamp, string Input, string? Output, string? Category, string? MetadataJson,
    string? Version, string? Model, string? Prompt,
    IReadOnlyList<FeedbackItem> Feedback, IReadOnlyList<CaseMatch> SimilarCases, MyLabel? Label);

/// <summary>The reviewer's own label as stored, with the revision the next save must be based on.</summary>
public sealed record MyLabel(ReviewVerdict? Verdict, string? FailureCategory, BenchWouldCatch? BenchWouldCatch, int? MatchedBenchCaseId,
    string? MatchedCaseExternalId, string? Notes, DraftCase? Draft, DraftCaseStatus? DraftStatus, int Revision, DateTime SavedAt)
{
    public bool IsComplete => TraceReview.IsCompleteLabel(Verdict, FailureCategory, BenchWouldCatch, MatchedBenchCaseId);
}

/// <summary>A change the reviewer made; null fields are cleared (the form always sends the whole label).</summary>
public sealed record LabelInput(ReviewVerdict? Verdict, string? FailureCategory, BenchWouldCatch? BenchWouldCatch, int? MatchedBenchCaseId,
    string? Notes, string? DraftInput = null, string? DraftExpectedBehaviour = null);

/// <summary>An open round as a reviewer sees it in the list: their own queue and how far they are.</summary>
public sealed record MyRound(int RoundId, string Period, DateTime CreatedAt, int Queue, int Done, int RoundSize, int RoundLabelled);

public enum SaveOutcome { Saved, Conflict, RoundClosed, NotYours, Invalid }

/// <summary>What a save did; on a conflict, <see cref="Current"/> is what is stored now (the reviewer's other tab won).</summary>
public sealed record SaveResult(SaveOutcome Outcome, MyLabel? Current, string? Problem = null);

/// <summary>
/// The reviewers' workbench: a queue per reviewer and round, one trace at a time, and labels saved as they are given.
/// Every save names the revision it is based on, so a stale tab can never overwrite a newer label silently.
/// </summary>
public sealed class ReviewService(IDbContextFactory<AppDbContext> dbFactory, SimilarCasesCache similarCases, TimeProvider clock)
{
    public const int MaxNotesLength = 4_000;

    /// <summary>Open rounds of the project with the reviewer's progress, newest first.</summary>
    public async Task<IReadOnlyList<MyRound>> MyRoundsAsync(int projectId, string reviewerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rounds = await db.SamplingRounds.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Status == SamplingRoundStatus.Open)
            .OrderByDescending(r => r.CreatedAt).Select(r => new { r.Id, r.Period, r.CreatedAt }).ToListAsync(ct);
        var result = new List<MyRound>();
        foreach (var round in rounds)
        {
            var queue = await QueueAsync(round.Id, reviewerId, ct);
            var (size, labelled) = await RoundProgressAsync(round.Id, ct);
            result.Add(new MyRound(round.Id, round.Period, round.CreatedAt, queue.Count, queue.Count(i => i.IsComplete), size, labelled));
        }
        return result;
    }

    /// <summary>The round's size and how many of its traces have a label that counts.</summary>
    public async Task<(int Size, int Labelled)> RoundProgressAsync(int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var facts = await RoundFacts.LoadAsync(db, [roundId], ct);
        return (facts.Count, facts.Count(f => f.Counting is not null));
    }

    /// <summary>The round's period and whether it is open, if it belongs to the project.</summary>
    public async Task<(string Period, bool Open)?> RoundAsync(int projectId, int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.SamplingRounds.AsNoTracking().Where(r => r.Id == roundId && r.ProjectId == projectId)
            .Select(r => new { r.Period, r.Status }).FirstOrDefaultAsync(ct);
        return round is null ? null : (round.Period, round.Status == SamplingRoundStatus.Open);
    }

    /// <summary>The reviewer's traces in a round: assigned to them (first or blind second), or not assigned at all.</summary>
    public async Task<IReadOnlyList<WorkItem>> QueueAsync(int roundId, string reviewerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.SampledTraces.AsNoTracking()
            .Where(t => t.SamplingRoundId == roundId
                        && (t.AssignedReviewerId == reviewerId || t.SecondReviewerId == reviewerId || t.AssignedReviewerId == null))
            .OrderBy(t => t.Position)
            .Select(t => new
            {
                t.Id, t.Position, Second = t.SecondReviewerId == reviewerId,
                Mine = t.Reviews.Where(r => r.ReviewerId == reviewerId)
                    .Select(r => new { r.Verdict, r.FailureCategory, r.BenchWouldCatch, r.MatchedBenchCaseId }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return items.Select(i => new WorkItem(i.Id, i.Position, i.Second,
            i.Mine is { } m && TraceReview.IsCompleteLabel(m.Verdict, m.FailureCategory, m.BenchWouldCatch, m.MatchedBenchCaseId))).ToList();
    }

    public async Task<WorkbenchTrace?> LoadAsync(int projectId, long sampledTraceId, string reviewerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.SampledTraces.AsNoTracking()
            .Where(t => t.Id == sampledTraceId)
            .Join(db.SamplingRounds, t => t.SamplingRoundId, r => r.Id, (t, r) => new { t, r })
            .Where(x => x.r.ProjectId == projectId)
            .Select(x => new
            {
                x.t.Id, x.t.Position, RoundId = x.r.Id, x.r.Status, x.t.AssignedReviewerId, x.t.SecondReviewerId,
                Trace = x.t.ProductionTrace!,
            })
            .FirstOrDefaultAsync(ct);
        if (item is null || !MayLabel(item.AssignedReviewerId, item.SecondReviewerId, reviewerId)) return null;

        var trace = item.Trace;
        var version = trace.PipelineVersionId is null ? null : await db.PipelineVersions.AsNoTracking()
            .Where(v => v.Id == trace.PipelineVersionId).Select(v => new { v.Version, v.Model, v.Prompt }).FirstOrDefaultAsync(ct);
        var feedback = await db.FeedbackEvents.AsNoTracking()
            .Where(f => f.ProjectId == projectId && f.TraceId == trace.TraceId)
            .Select(f => new { f.Kind, f.Value, f.Timestamp }).ToListAsync(ct);
        var label = await LabelAsync(db, sampledTraceId, reviewerId, ct);
        var index = await similarCases.GetAsync(projectId, ct);
        return new WorkbenchTrace(item.Id, item.Position, item.RoundId, item.Status == SamplingRoundStatus.Open, item.SecondReviewerId == reviewerId,
            trace.TraceId, trace.Timestamp, trace.Input, trace.Output, trace.Category, trace.MetadataJson,
            version?.Version, version?.Model, version?.Prompt,
            feedback.OrderBy(f => f.Timestamp).Select(f => new FeedbackItem(FeedbackRow.ApiName(f.Kind), f.Value, f.Timestamp)).ToList(),
            index.Search(trace.Input + "\n" + trace.Output, 5), label);
    }

    /// <summary>Bench cases for what the reviewer typed (words of the case, or its id), best first.</summary>
    public async Task<IReadOnlyList<CaseMatch>> SearchCasesAsync(int projectId, string text, CancellationToken ct = default)
    {
        var index = await similarCases.GetAsync(projectId, ct);
        var byId = index.FindByExternalId(text.Trim());
        var found = index.Search(text, 8);
        return byId is null ? found : [new CaseMatch(byId, double.PositiveInfinity), .. found.Where(m => m.Case.Id != byId.Id)];
    }

    private static bool MayLabel(string? assigned, string? second, string reviewerId) =>
        assigned is null || assigned == reviewerId || second == reviewerId;

    private static async Task<MyLabel?> LabelAsync(AppDbContext db, long sampledTraceId, string reviewerId, CancellationToken ct)
    {
        var review = await db.TraceReviews.AsNoTracking().Where(r => r.SampledTraceId == sampledTraceId && r.ReviewerId == reviewerId)
            .Select(r => new { Review = r, MatchedExternalId = db.BenchCases.Where(c => c.Id == r.MatchedBenchCaseId).Select(c => c.ExternalId).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (review is null) return null;
        var r = review.Review;
        return new MyLabel(r.Verdict, r.FailureCategory, r.BenchWouldCatch, r.MatchedBenchCaseId, review.MatchedExternalId, r.Notes,
            DraftCase.FromJson(r.ProposedCaseJson), r.DraftStatus, r.Revision, r.ReviewedAt);
    }

    /// <summary>
    /// Stores the reviewer's whole label if it is still based on <paramref name="basedOnRevision"/> (0: no label yet).
    /// A good verdict clears the failure fields; "no, the bench would not catch it" (a gap) drafts a bench case from
    /// the trace, with a snapshot of the trace as provenance.
    /// </summary>
    public async Task<SaveResult> SaveAsync(int projectId, long sampledTraceId, string reviewerId, LabelInput input, int basedOnRevision,
        CancellationToken ct = default)
    {
        if (Validate(input) is { } problem) return new SaveResult(SaveOutcome.Invalid, null, problem);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.SampledTraces
            .Where(t => t.Id == sampledTraceId)
            .Join(db.SamplingRounds, t => t.SamplingRoundId, r => r.Id, (t, r) => new { t.AssignedReviewerId, t.SecondReviewerId, r.ProjectId, r.Status, Trace = t.ProductionTrace! })
            .FirstOrDefaultAsync(ct);
        if (item is null || item.ProjectId != projectId || !MayLabel(item.AssignedReviewerId, item.SecondReviewerId, reviewerId))
        {
            return new SaveResult(SaveOutcome.NotYours, null, "This trace is not in your queue.");
        }
        if (item.Status != SamplingRoundStatus.Open)
        {
            return new SaveResult(SaveOutcome.RoundClosed, await LabelAsync(db, sampledTraceId, reviewerId, ct), "The round is closed; its labels are final.");
        }
        if (input.MatchedBenchCaseId is { } caseId
            && !await db.BenchCases.AnyAsync(c => c.Id == caseId && c.ProjectId == projectId && c.Status == BenchCaseStatus.Active, ct))
        {
            return new SaveResult(SaveOutcome.Invalid, null, "That bench case is not an active case of this project.");
        }

        var review = await db.TraceReviews.FirstOrDefaultAsync(r => r.SampledTraceId == sampledTraceId && r.ReviewerId == reviewerId, ct);
        if ((review?.Revision ?? 0) != basedOnRevision) return await ConflictAsync(db, sampledTraceId, reviewerId, ct);
        if (review is null)
        {
            review = new TraceReview { SampledTraceId = sampledTraceId, ReviewerId = reviewerId };
            db.TraceReviews.Add(review);
        }
        if (review.DraftStatus == DraftCaseStatus.Accepted)
        {
            return new SaveResult(SaveOutcome.Invalid, await LabelAsync(db, sampledTraceId, reviewerId, ct),
                "The lead already accepted the bench case drafted from this label; it can no longer change.");
        }

        Apply(review, input, item.Trace, await VersionLabelAsync(db, item.Trace.PipelineVersionId, ct));
        review.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        review.Revision = basedOnRevision + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another save of the same label won the race (concurrency token, or the unique index on a first save).
            return await ConflictAsync(db, sampledTraceId, reviewerId, ct);
        }
        return new SaveResult(SaveOutcome.Saved, await LabelAsync(db, sampledTraceId, reviewerId, ct));
    }

    private static async Task<string?> VersionLabelAsync(AppDbContext db, int? versionId, CancellationToken ct) =>
        versionId is null ? null : await db.PipelineVersions.Where(v => v.Id == versionId).Select(v => v.Version).FirstOrDefaultAsync(ct);

    private static async Task<SaveResult> ConflictAsync(AppDbContext db, long sampledTraceId, string reviewerId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return new SaveResult(SaveOutcome.Conflict, await LabelAsync(db, sampledTraceId, reviewerId, ct),
            "This label was changed elsewhere (another tab or window) since you opened it. The stored label is shown; choose again if needed.");
    }

    private static string? Validate(LabelInput input)
    {
        if (input.FailureCategory is { Length: > 128 }) return "A failure category is at most 128 characters.";
        if (input.Notes is { Length: > MaxNotesLength }) return $"Notes are at most {MaxNotesLength:N0} characters.";
        if (input.DraftInput is { Length: > DraftCase.MaxInputLength }) return $"A draft case input is at most {DraftCase.MaxInputLength:N0} characters.";
        if (input.DraftExpectedBehaviour is { Length: > DraftCase.MaxExpectedLength }) return $"The expected behaviour is at most {DraftCase.MaxExpectedLength:N0} characters.";
        return FieldReader.ControlCharacterProblem(input.Notes) ?? FieldReader.ControlCharacterProblem(input.DraftExpectedBehaviour);
    }

    private static void Apply(TraceReview review, LabelInput input, ProductionTrace trace, string? version)
    {
        review.Verdict = input.Verdict;
        review.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes;
        if (input.Verdict != ReviewVerdict.Bad)
        {
            // A good trace is not a failure: nothing for the bench to catch.
            review.FailureCategory = null;
            review.BenchWouldCatch = input.Verdict == ReviewVerdict.Good ? BenchWouldCatch.NotApplicable : null;
            review.MatchedBenchCaseId = null;
            ClearDraft(review);
            return;
        }
        review.FailureCategory = string.IsNullOrWhiteSpace(input.FailureCategory) ? null : input.FailureCategory.Trim();
        review.BenchWouldCatch = input.BenchWouldCatch;
        review.MatchedBenchCaseId = input.BenchWouldCatch == BenchWouldCatch.Yes ? input.MatchedBenchCaseId : null;
        if (input.BenchWouldCatch != BenchWouldCatch.No)
        {
            ClearDraft(review);
            return;
        }
        // A gap: the draft starts from the trace and keeps what the reviewer has written into it since.
        var draft = DraftCase.FromJson(review.ProposedCaseJson)
                    ?? DraftCase.FromTrace(new TraceSnapshot(trace.TraceId, trace.Timestamp, version, trace.Input, trace.Output, trace.Category, trace.MetadataJson));
        draft = draft with
        {
            Input = input.DraftInput ?? draft.Input,
            ExpectedBehaviour = input.DraftExpectedBehaviour ?? draft.ExpectedBehaviour,
        };
        review.ProposedCaseJson = draft.ToJson();
        review.DraftStatus ??= DraftCaseStatus.Pending;
    }

    private static void ClearDraft(TraceReview review)
    {
        review.ProposedCaseJson = null;
        review.DraftStatus = null;
    }
}
