using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Sampling;

public sealed record ReviewerOption(string Id, string Email, bool IsReviewer);

public sealed record RoundStarted(int RoundId, IReadOnlyList<string> TraceIds);

/// <summary>A round as the lists show it: progress counts first-reviewer labels, complete ones only.</summary>
public sealed record RoundListItem(int Id, string Period, SamplingStrategy Strategy, int Seed, SamplingRoundStatus Status, int Size,
    int Labelled, DateTime CreatedAt, DateTime? ClosedAt);

/// <summary>Starting a round: the candidates of a window, the draw (preview and the real thing), reviewer assignment.</summary>
public sealed class SamplingService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    private sealed record CandidateRow(long Id, string Category, int NegativeSignals);

    // Built once: the negative-feedback condition comes from constants (NegativeFeedback); the values stay parameters.
    // Quoted identifiers and an INTEGER count read the same on SQLite and PostgreSQL (COUNT is a bigint there).
    private static readonly string CandidatesSql = $$"""
        SELECT t."Id" AS "Id", COALESCE(t."Category", '') AS "Category",
               CAST((SELECT COUNT(*) FROM "FeedbackEvents" f
                WHERE f."ProjectId" = t."ProjectId" AND f."TraceId" = t."TraceId"
                  AND {{NegativeFeedback.SqlCondition("f")}}) AS INTEGER) AS "NegativeSignals"
        FROM "ProductionTraces" t
        WHERE t."ProjectId" = {0} AND t."Timestamp" >= {1} AND t."Timestamp" < {2}
        """;

    /// <summary>
    /// Every trace of the window with its category and how much negative feedback it received (<see cref="NegativeFeedback"/>:
    /// thumbs-down, rewrite, retry, CSAT of 2 or less). One query; feedback is found through its (ProjectId, TraceId) index.
    /// </summary>
    public async Task<IReadOnlyList<SamplingCandidate>> CandidatesAsync(int projectId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fromAt = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var toAt = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = await db.Database.SqlQueryRaw<CandidateRow>(CandidatesSql, projectId, fromAt, toAt).ToListAsync(ct);
        return rows.Select(r => new SamplingCandidate(r.Id, r.Category, r.NegativeSignals)).ToList();
    }

    public async Task<SampleDraw> PreviewAsync(int projectId, RoundSettings settings, CancellationToken ct = default) =>
        SampleDrawer.Draw(await CandidatesAsync(projectId, settings.From, settings.To, ct), settings.Plan);

    /// <summary>Users who can label: reviewers first, then leads and admins (they may label too).</summary>
    public async Task<IReadOnlyList<ReviewerOption>> ReviewersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == Roles.Reviewer || r.Name == Roles.Lead || r.Name == Roles.Admin
                          select new { u.Id, u.Email, u.LockoutEnd, Role = r.Name }).ToListAsync(ct);
        return rows.Where(r => r.LockoutEnd is null || r.LockoutEnd <= now)
            .GroupBy(r => r.Id)
            .Select(g => new ReviewerOption(g.Key, g.First().Email ?? g.Key, g.Any(r => r.Role == Roles.Reviewer)))
            .OrderByDescending(r => r.IsReviewer).ThenBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Draws the sample and stores the round in one transaction. <paramref name="firstReviewers"/>: one reviewer id
    /// per drawn trace in draw order (chosen by hand), or null for round-robin over <paramref name="reviewers"/>.
    /// Without reviewers the traces stay unassigned and any reviewer may label them.
    /// </summary>
    public async Task<RoundStarted> StartAsync(int projectId, RoundSettings settings, IReadOnlyList<string> reviewers,
        IReadOnlyList<string>? firstReviewers, string actor, CancellationToken ct = default, IReadOnlyList<long>? previewed = null)
    {
        var errors = settings.Validate();
        if (errors.Any) throw new ArgumentException(string.Join("; ", errors.Messages));
        var draw = await PreviewAsync(projectId, settings, ct);
        if (draw.Selected.Count == 0) throw new InvalidOperationException("There are no production traces in this window to sample.");
        if (previewed is not null && !previewed.SequenceEqual(draw.Selected.Select(s => s.Id)))
        {
            throw new InvalidOperationException("New traces arrived in this window since the preview, so the sample changed; preview again.");
        }
        if (firstReviewers is not null && firstReviewers.Count != draw.Selected.Count)
        {
            throw new ArgumentException("The hand assignment no longer matches the sample; preview again.");
        }

        IReadOnlyList<Assignment> assignments = reviewers.Count == 0 && firstReviewers is null
            ? draw.Selected.Select(_ => new Assignment(null, null)).ToList()
            : ReviewerAssignment.WithSecondReviewers(firstReviewers ?? ReviewerAssignment.RoundRobin(draw.Selected.Count, reviewers),
                reviewers.Count > 0 ? reviewers : firstReviewers!.Distinct().ToList(), settings.DoubleReviewFraction, settings.Seed);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = new SamplingRound
        {
            ProjectId = projectId, Period = settings.Period, Size = settings.Size, Strategy = settings.Strategy, Seed = settings.Seed,
            MinPerCategory = settings.MinPerCategory, HealthyShare = settings.HealthyShare, DoubleReviewFraction = settings.DoubleReviewFraction,
            WindowFrom = settings.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            WindowTo = settings.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Status = SamplingRoundStatus.Open, CreatedBy = actor, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        for (var i = 0; i < draw.Selected.Count; i++)
        {
            round.Traces.Add(new SampledTrace
            {
                ProductionTraceId = draw.Selected[i].Id, Position = i + 1,
                AssignedReviewerId = assignments[i].First, SecondReviewerId = assignments[i].Second,
            });
        }
        db.SamplingRounds.Add(round);
        await db.SaveChangesAsync(ct);

        var ids = draw.Selected.Select(s => s.Id).ToList();
        var externalIds = await db.ProductionTraces.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.TraceId }).ToDictionaryAsync(t => t.Id, t => t.TraceId, ct);
        await audit.AppendAsync(actor, AuditActions.SamplingRoundStarted, $"sampling-round:{round.Id}", new
        {
            round.Period, round.Size, Strategy = RoundSettings.StrategyName(round.Strategy), round.Seed,
            From = settings.From, To = settings.To, Drawn = ids.Count, DoubleReviewed = assignments.Count(a => a.Second is not null),
        }, ct);
        return new RoundStarted(round.Id, ids.Select(id => externalIds[id]).ToList());
    }

    /// <summary>The API's trace ids of stored traces, for showing a preview.</summary>
    public async Task<IReadOnlyDictionary<long, string>> TraceIdsAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ProductionTraces.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.TraceId, ct);
    }

    public async Task<IReadOnlyList<RoundListItem>> RoundsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rounds = await db.SamplingRounds.AsNoTracking().Where(r => r.ProjectId == projectId)
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new { r.Id, r.Period, r.Strategy, r.Seed, r.Status, r.CreatedAt, r.ClosedAt, Size = r.Traces.Count }).ToListAsync(ct);
        var facts = await RoundFacts.LoadAsync(db, rounds.Select(r => r.Id).ToList(), ct);
        return rounds.Select(r => new RoundListItem(r.Id, r.Period, r.Strategy, r.Seed, r.Status, r.Size,
            facts.Where(f => f.RoundId == r.Id).Count(f => f.Counting is not null), r.CreatedAt, r.ClosedAt)).ToList();
    }
}
