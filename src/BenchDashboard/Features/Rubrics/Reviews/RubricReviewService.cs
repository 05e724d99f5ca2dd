using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Sampling;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>
/// The quarterly rubric review (issue 15, decision 0031): a Lead starts it from the current version, decides every item
/// (keep, change, drop, with a rationale) and adds items, sees the recent runs re-graded without the dropped items,
/// submits; a different Lead or an Admin approves (four eyes), which writes the next immutable version and is the
/// sign-off the cadence signal reads. Every rule is checked here, whatever page calls; every step is audited.
/// </summary>
public sealed class RubricReviewService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock, FailureCategoryService categories)
{
    /// <summary>Item keys named in one audit-log event; the count is always there.</summary>
    private const int LoggedKeys = 50;

    /// <summary>Weights are relative; a bound keeps a typo (1e9) out of the rubric.</summary>
    public const double MaxWeight = 1000;

    /// <summary>The quarter of a day, <c>YYYY-Qn</c>.</summary>
    public static string QuarterOf(DateTime day) => $"{day.Year}-Q{(day.Month - 1) / 3 + 1}";

    /// <summary>Starts this quarter's review from the current version (the highest number), or finds the open one: a
    /// project has at most one review in Draft or Submitted at a time.</summary>
    public async Task<StartReviewResult> StartAsync(int projectId, RubricReviewActor actor, CancellationToken ct = default)
    {
        if (!actor.IsLead) return new(StartReviewOutcome.Refused, Problem: "Only a Lead or an Admin starts a rubric review.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpenReviewAsync(db, projectId, ct) is { } open) return new(StartReviewOutcome.Existing, open);
        var current = await db.RubricVersions.AsNoTracking().Where(v => v.ProjectId == projectId)
            .OrderByDescending(v => v.Number).Select(v => new { v.Id, v.Number }).FirstOrDefaultAsync(ct);
        if (current is null)
        {
            return new(StartReviewOutcome.NoRubric, Problem: "This project has no rubric version yet, so there is nothing to review. " +
                "A bench runner sends its rubric through the API (rubric-versions); review it once it is there.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new RubricReview
        {
            ProjectId = projectId, Quarter = QuarterOf(now), FromRubricVersionId = current.Id, Status = RubricReviewStatus.Draft,
            CreatedBy = Cut(actor.Name, 256), CreatedAt = now,
        };
        db.RubricReviews.Add(row);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor.Name, AuditActions.RubricReviewStarted, Subject(row.Id),
            new { projectId, reviewId = row.Id, quarter = row.Quarter, fromVersion = current.Number }, ct);
        return new(StartReviewOutcome.Created, row.Id);
    }

    /// <summary>The project's reviews, newest first.</summary>
    public async Task<List<RubricReviewListItem>> ListAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var numbers = await db.RubricVersions.AsNoTracking().Where(v => v.ProjectId == projectId).ToDictionaryAsync(v => v.Id, v => v.Number, ct);
        var rows = await db.RubricReviews.AsNoTracking().Where(r => r.ProjectId == projectId).ToListAsync(ct);
        return rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new RubricReviewListItem(r.Id, r.Quarter, numbers[r.FromRubricVersionId],
                r.ToRubricVersionId is { } to ? numbers[to] : null, r.Status, r.CreatedBy, r.CreatedAt, r.SignedOffBy, r.SignedOffAt))
            .ToList();
    }

    /// <summary>The open review (Draft or Submitted), if there is one.</summary>
    public async Task<int?> OpenReviewAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await OpenReviewAsync(db, projectId, ct);
    }

    /// <summary>The number the next rubric version of the project gets: its highest + 1.</summary>
    public async Task<int> NextNumberAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.RubricVersions.Where(v => v.ProjectId == projectId).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
    }

    /// <summary>Null when the project has no such review.</summary>
    public async Task<RubricReviewView?> GetAsync(int projectId, int reviewId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.RubricReviews.AsNoTracking().Include(x => x.Decisions)
            .FirstOrDefaultAsync(x => x.ProjectId == projectId && x.Id == reviewId, ct);
        if (r is null) return null;
        var from = await db.RubricVersions.AsNoTracking().Include(v => v.Items).FirstAsync(v => v.Id == r.FromRubricVersionId, ct);
        int? to = r.ToRubricVersionId is { } toId ? await db.RubricVersions.Where(v => v.Id == toId).Select(v => v.Number).FirstAsync(ct) : null;
        var items = from.Items.OrderBy(i => i.Position).ThenBy(i => i.Id).Select(i => new ReviewItem(i.Key, i.Description, i.Weight)).ToList();
        var decisions = r.Decisions.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id)
            .Select(d => new ReviewDecision(d.ItemKey, d.Decision, d.Description, d.Weight, d.FailureCategory, d.Rationale, d.DecidedBy, d.DecidedAt))
            .ToList();
        return new RubricReviewView(r.Id, r.Quarter, from.Number, to, r.Status, r.CreatedBy, r.CreatedAt, r.SubmittedAt, r.SignedOffBy, r.SignedOffAt,
            r.AbandonedBy, r.AbandonedAt, r.AbandonReason, items, decisions);
    }

    /// <summary>
    /// Records one decision with one rationale for one or more items of the from-version (a later decision on an item
    /// replaces the earlier one). Keep and drop may cover several items at once; a change is one item with its new wording
    /// (and, optionally, a new weight). Only the author, only while the review is a draft. Returns why nothing was stored, or null.
    /// </summary>
    public async Task<string?> DecideAsync(int projectId, int reviewId, IReadOnlyCollection<string> keys, RubricItemVerdict verdict, string rationale,
        RubricReviewActor actor, string? newWording = null, double? newWeight = null, CancellationToken ct = default)
    {
        rationale = (rationale ?? "").Trim();
        newWording = string.IsNullOrWhiteSpace(newWording) ? null : newWording.Trim();
        var ids = keys.Distinct(StringComparer.Ordinal).ToList();
        if (verdict == RubricItemVerdict.Add) return "New items are added with “Add an item”, not as a decision on an existing one.";
        if (ids.Count == 0) return "Choose at least one item.";
        if (RationaleProblem(rationale) is { } problem) return problem;
        if (verdict == RubricItemVerdict.Change)
        {
            if (ids.Count > 1) return "A change gives one item its new wording: change the items one at a time.";
            if (newWording is null) return "Write the item's new wording: a change without one would keep the old text.";
            if (newWording.Length > RubricItem.MaxDescriptionLength) return $"The new wording is longer than {RubricItem.MaxDescriptionLength:N0} characters.";
            if (WeightProblem(newWeight) is { } weightProblem) return weightProblem;
        }
        else if (newWording is not null || newWeight is not null)
        {
            return $"{RubricReviewNames.Label(verdict)} takes no new wording or weight; choose “Change the wording” to reword an item.";
        }

        var view = await GetAsync(projectId, reviewId, ct);
        if (EditProblem(view, actor) is { } refused) return refused;
        var known = view!.Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var unknown = ids.Where(k => !known.ContainsKey(k)).ToList();
        if (unknown.Count > 0) return $"Not an item of rubric v{view.FromVersion}: {string.Join(", ", unknown.Take(5))}.";
        if (verdict == RubricItemVerdict.Change && known[ids[0]] is var old && old.Description == newWording && (newWeight ?? old.Weight) == old.Weight)
        {
            return "That is the item's wording already: choose Keep, or write the new wording.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.RubricItemDecisions.Where(d => d.RubricReviewId == reviewId && ids.Contains(d.ItemKey)).ToDictionaryAsync(d => d.ItemKey, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var key in ids)
        {
            if (!existing.TryGetValue(key, out var d))
            {
                d = new RubricItemDecision { RubricReviewId = reviewId, ItemKey = key, Rationale = rationale, DecidedBy = actor.Name };
                db.RubricItemDecisions.Add(d);
            }
            d.Decision = verdict;
            d.Description = verdict == RubricItemVerdict.Change ? newWording : null;
            d.Weight = verdict == RubricItemVerdict.Change ? newWeight : null;
            d.FailureCategory = null;
            d.Rationale = rationale;
            d.DecidedBy = Cut(actor.Name, 256);
            d.DecidedAt = now;
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor.Name, AuditActions.RubricReviewDecided, Subject(reviewId), new
        {
            projectId, reviewId, decision = Api.RubricWords.Of(verdict), rationale, items = ids.Count, keys = ids.Take(LoggedKeys),
            description = newWording, weight = newWeight,
        }, ct);
        return null;
    }

    /// <summary>
    /// Adds a new item to a draft review: a key no item of the from-version and no other added item has (letters' case
    /// aside, so "Tone" and "tone" are never two items), its wording, a weight (1 unless given), optionally the failure
    /// category from the project's sampling it answers, and the rationale. Returns why nothing was stored, or null.
    /// </summary>
    public async Task<string?> AddItemAsync(int projectId, int reviewId, string key, string description, double? weight, string? failureCategory,
        string rationale, RubricReviewActor actor, CancellationToken ct = default)
    {
        key = (key ?? "").Trim();
        description = (description ?? "").Trim();
        rationale = (rationale ?? "").Trim();
        failureCategory = string.IsNullOrWhiteSpace(failureCategory) ? null : failureCategory.Trim();
        if (key.Length == 0) return "Give the new item a key: the short name bench results report its outcome under (for example “cites-policy”).";
        if (key.Length > RubricItem.MaxKeyLength) return $"The key is longer than {RubricItem.MaxKeyLength} characters.";
        if (key.Any(char.IsControl)) return "The key holds a control character (a line break or a tab); keys are one line of text.";
        if (description.Length == 0) return "Write what the new item checks: its wording is what graders read.";
        if (description.Length > RubricItem.MaxDescriptionLength) return $"The wording is longer than {RubricItem.MaxDescriptionLength:N0} characters.";
        if (WeightProblem(weight) is { } weightProblem) return weightProblem;
        if (RationaleProblem(rationale) is { } problem) return problem;
        if (failureCategory is not null && !(await categories.ListAsync(projectId, ct)).Contains(failureCategory, StringComparer.Ordinal))
        {
            return $"“{failureCategory}” is not one of this project's failure categories.";
        }

        var view = await GetAsync(projectId, reviewId, ct);
        if (EditProblem(view, actor) is { } refused) return refused;
        if (view!.Items.Any(i => string.Equals(i.Key, key, StringComparison.OrdinalIgnoreCase)))
        {
            return $"Rubric v{view.FromVersion} already has an item “{key}”: choose another key, or change that item's wording.";
        }
        if (view.Added.Any(a => string.Equals(a.ItemKey, key, StringComparison.OrdinalIgnoreCase)))
        {
            return $"This review already adds an item “{key}”: choose another key, or remove that one first.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.RubricItemDecisions.Add(new RubricItemDecision
        {
            RubricReviewId = reviewId, ItemKey = key, Decision = RubricItemVerdict.Add, Description = description, Weight = weight,
            FailureCategory = failureCategory, Rationale = rationale, DecidedBy = Cut(actor.Name, 256), DecidedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor.Name, AuditActions.RubricReviewItemAdded, Subject(reviewId),
            new { projectId, reviewId, key, description, weight = weight ?? 1, failureCategory, rationale }, ct);
        return null;
    }

    /// <summary>Takes an added item out of a draft review again (the author only). Returns why not, or null.</summary>
    public async Task<string?> RemoveAddedItemAsync(int projectId, int reviewId, string key, RubricReviewActor actor, CancellationToken ct = default)
    {
        var view = await GetAsync(projectId, reviewId, ct);
        if (EditProblem(view, actor) is { } refused) return refused;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.RubricItemDecisions.FirstOrDefaultAsync(d => d.RubricReviewId == reviewId && d.ItemKey == key && d.Decision == RubricItemVerdict.Add, ct);
        if (row is null) return $"This review adds no item “{key}”.";
        db.RubricItemDecisions.Remove(row);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor.Name, AuditActions.RubricReviewItemRemoved, Subject(reviewId), new { projectId, reviewId, key }, ct);
        return null;
    }

    /// <summary>
    /// The recent runs (the last <see cref="ReviewImpact.RecentRuns"/> of the project that carry per-item outcomes, newest
    /// first) re-graded without the items <paramref name="dropped"/> (<see cref="RubricReGrade"/>).
    /// </summary>
    public async Task<ReviewImpact> ImpactAsync(int projectId, IReadOnlyCollection<string> dropped, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.BenchRuns.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Results.Any(x => x.ItemOutcomesJson != null))
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(ReviewImpact.RecentRuns)
            .Select(r => new { r.Id, r.RunId, r.StartedAt, r.PipelineVersion!.Version }).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var results = (await db.BenchResults.AsNoTracking().Where(x => ids.Contains(x.BenchRunId))
                .Select(x => new { x.BenchRunId, x.Passed, x.ItemOutcomesJson }).ToListAsync(ct))
            .ToLookup(x => x.BenchRunId);
        var drop = dropped.ToHashSet(StringComparer.Ordinal);
        var regraded = runs.Select(r => RubricReGrade.Run(r.RunId, r.Version, r.StartedAt, results[r.Id].Select(x => (x.Passed, x.ItemOutcomesJson)), drop)).ToList();
        return RubricReGrade.Impact(regraded, drop.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Submits a draft for approval once every item of the from-version has a decision (the author only).</summary>
    public async Task<string?> SubmitAsync(int projectId, int reviewId, RubricReviewActor actor, CancellationToken ct = default)
    {
        var view = await GetAsync(projectId, reviewId, ct);
        if (EditProblem(view, actor) is { } refused) return refused;
        var undecided = view!.Undecided;
        if (undecided.Count > 0)
        {
            return (undecided.Count == 1 ? "1 item still needs a decision" : $"{undecided.Count} items still need a decision") +
                   $" before the review can be submitted: {string.Join(", ", undecided.Take(10))}{(undecided.Count > 10 ? ", …" : "")}.";
        }
        if (view.Proposed.Count == 0) return "The review drops every item and adds none: a rubric needs at least one item.";
        var impact = await ImpactAsync(projectId, view.Dropped, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.RubricReviews.FirstAsync(r => r.ProjectId == projectId && r.Id == reviewId, ct);
        if (row.Status != RubricReviewStatus.Draft) return StateProblem(row.Status);
        row.Status = RubricReviewStatus.Submitted;
        row.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor.Name, AuditActions.RubricReviewSubmitted, Subject(reviewId), new
        {
            projectId, reviewId, quarter = view.Quarter, fromVersion = view.FromVersion, decided = Counts(view), impact = ImpactPayload(impact),
        }, ct);
        return null;
    }

    /// <summary>
    /// Approves a submitted review (four eyes: a Lead or an Admin who is not its author): writes the next rubric version
    /// (number = the project's highest + 1, status Approved, its items as the review proposes them), and marks the review
    /// approved with the approver and the time, which the rubric-review cadence reads. Returns why not, or null.
    /// </summary>
    public async Task<string?> ApproveAsync(int projectId, int reviewId, RubricReviewActor actor, CancellationToken ct = default)
    {
        if (!actor.IsLead) return "Only a Lead or an Admin approves a rubric review.";
        var view = await GetAsync(projectId, reviewId, ct);
        if (view is null) return "This review does not exist.";
        if (view.Status != RubricReviewStatus.Submitted) return StateProblem(view.Status, approving: true);
        if (actor.Is(view.CreatedBy))
        {
            return "You wrote this review, so you cannot approve it: a second Lead or an Admin approves it (four eyes).";
        }
        var impact = await ImpactAsync(projectId, view.Dropped, ct);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var number = (await db.RubricVersions.Where(v => v.ProjectId == projectId).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var version = new RubricVersion
        {
            ProjectId = projectId, Number = number, Status = RubricVersionStatus.Approved, ApprovedBy = Cut(actor.Name, 256), ApprovedAt = now, CreatedAt = now,
            Notes = Cut($"Made by the {view.Quarter} rubric review of v{view.FromVersion} (review {reviewId}, proposed by {view.CreatedBy}): " +
                        $"{Say(view)}.", RubricVersion.MaxNotesLength),
            Items = view.Proposed.Select((i, n) => new RubricItem { Key = i.Key, Description = i.Description, Weight = i.Weight, Position = n }).ToList(),
        };
        db.RubricVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another approval (or an import of that number) got there first; nothing of this one is stored.
            await tx.RollbackAsync(CancellationToken.None);
            return "The rubric changed while you approved (another approval or an imported version took the next number): reload and look again.";
        }
        // Only a review that is still Submitted becomes Approved: an abandonment or a second approval in between wins.
        var updated = await db.RubricReviews.Where(r => r.Id == reviewId && r.ProjectId == projectId && r.Status == RubricReviewStatus.Submitted)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RubricReviewStatus.Approved).SetProperty(r => r.ToRubricVersionId, version.Id)
                .SetProperty(r => r.SignedOffBy, Cut(actor.Name, 256)).SetProperty(r => r.SignedOffAt, now), ct);
        if (updated == 0)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return "This review changed while you approved it (it was abandoned or approved meanwhile): reload it.";
        }
        await tx.CommitAsync(ct);
        await audit.AppendAsync(actor.Name, AuditActions.RubricReviewApproved, Subject(reviewId), new
        {
            projectId, reviewId, quarter = view.Quarter, proposedBy = view.CreatedBy, fromVersion = view.FromVersion, toVersion = number,
            decided = Counts(view), added = view.Added.Select(a => a.ItemKey).Take(LoggedKeys), dropped = view.Dropped.Take(LoggedKeys),
            changed = view.Changed.Select(c => c.Old.Key).Take(LoggedKeys), items = version.Items.Count, impact = ImpactPayload(impact),
        }, ct);
        return null;
    }

    /// <summary>Abandons a draft or submitted review with a reason: its author, or any Lead or Admin. Returns why not, or null.</summary>
    public async Task<string?> AbandonAsync(int projectId, int reviewId, string reason, RubricReviewActor actor, CancellationToken ct = default)
    {
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) return "Write why the review is abandoned: the reason stays with it.";
        if (reason.Length > RubricReview.MaxReasonLength) return $"The reason is longer than {RubricReview.MaxReasonLength:N0} characters.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.RubricReviews.FirstOrDefaultAsync(r => r.ProjectId == projectId && r.Id == reviewId, ct);
        if (row is null) return "This review does not exist.";
        if (!actor.IsLead && !actor.Is(row.CreatedBy)) return "Only the review's author, a Lead or an Admin abandons a review.";
        if (row.Status is not (RubricReviewStatus.Draft or RubricReviewStatus.Submitted)) return StateProblem(row.Status);
        var was = row.Status;
        row.Status = RubricReviewStatus.Abandoned;
        row.AbandonedBy = Cut(actor.Name, 256);
        row.AbandonedAt = clock.GetUtcNow().UtcDateTime;
        row.AbandonReason = reason;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(actor.Name, AuditActions.RubricReviewAbandoned, Subject(reviewId),
            new { projectId, reviewId, quarter = row.Quarter, was = Api.RubricWords.Of(was), reason }, ct);
        return null;
    }

    /// <summary>Why <paramref name="actor"/> cannot edit the review now, or null: only its author, only while a draft.</summary>
    public static string? EditProblem(RubricReviewView? view, RubricReviewActor actor)
    {
        if (view is null) return "This review does not exist.";
        if (view.Status != RubricReviewStatus.Draft) return StateProblem(view.Status);
        if (!actor.Is(view.CreatedBy)) return $"Only the review's author ({view.CreatedBy}) changes its decisions.";
        return null;
    }

    private static string StateProblem(RubricReviewStatus status, bool approving = false) => status switch
    {
        RubricReviewStatus.Draft when approving => "This review is still a draft: its author submits it before anyone approves it.",
        RubricReviewStatus.Submitted => "This review is submitted: its decisions no longer change. Abandon it to start again.",
        RubricReviewStatus.Approved => "This review is approved: it made a rubric version, and versions never change.",
        RubricReviewStatus.Abandoned => "This review was abandoned.",
        _ => "This review is a draft.",
    };

    private static string? RationaleProblem(string rationale) =>
        rationale.Length == 0 ? "Write a rationale: why this decision."
        : rationale.Length > RubricItemDecision.MaxRationale ? $"The rationale is longer than {RubricItemDecision.MaxRationale:N0} characters."
        : null;

    private static string? WeightProblem(double? weight) =>
        weight is { } w && (!double.IsFinite(w) || w <= 0 || w > MaxWeight) ? $"A weight is a number above 0 and at most {MaxWeight:0}." : null;

    private static async Task<int?> OpenReviewAsync(AppDbContext db, int projectId, CancellationToken ct) =>
        await db.RubricReviews.AsNoTracking()
            .Where(r => r.ProjectId == projectId && (r.Status == RubricReviewStatus.Draft || r.Status == RubricReviewStatus.Submitted))
            .OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);

    private static Dictionary<string, int> Counts(RubricReviewView view) =>
        view.Decisions.GroupBy(d => Api.RubricWords.Of(d.Decision)).ToDictionary(g => g.Key, g => g.Count());

    private static object ImpactPayload(ReviewImpact impact) => new
    {
        runs = impact.Runs.Count, results = impact.Results, passedNow = impact.PassedNow, passedReGraded = impact.PassedReGraded,
        withoutOutcomes = impact.WithoutOutcomes, changePoints = Math.Round(impact.Change * 100, 2),
    };

    /// <summary>What a review changes, in words: "kept 3, changed 1, dropped 1, added 1".</summary>
    public static string Say(RubricReviewView view)
    {
        int Count(RubricItemVerdict v) => view.Decisions.Count(d => d.Decision == v);
        return $"kept {Count(RubricItemVerdict.Keep)}, changed {Count(RubricItemVerdict.Change)}, dropped {Count(RubricItemVerdict.Drop)}, added {Count(RubricItemVerdict.Add)}";
    }

    private static string Subject(int reviewId) => $"rubric-review:{reviewId}";

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
