using System.Globalization;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Infrastructure.Api;
using BenchDashboard.Statistics;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// The read side of the rubric (issue 15, point 2): versions and their history, a diff between any two, the current
/// items over a quarter from the runs' per-item outcomes, and the failure categories of the quarter's sampling rounds
/// with what the rubric covers of them. Reads only; nothing here changes the rubric.
/// </summary>
public sealed class RubricQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// The page for one address. <paramref name="from"/> and <paramref name="to"/> are version numbers as the address
    /// gives them (default: the previous and the current version); <paramref name="quarter"/> is <c>YYYY-Qn</c>
    /// (default: the quarter of the newest run).
    /// </summary>
    public async Task<RubricsView> GetAsync(int projectId, string? from, string? to, string? quarter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await VersionsAsync(db, projectId, ct);
        var (diff, diffProblem) = Diff(versions, from, to);

        var asked = CalendarQuarter.Parse(quarter);
        var chosen = asked ?? await DefaultQuarterAsync(db, projectId, ct);
        var quarterProblem = quarter is not null && asked is null
            ? $"“{ErrorEcho.Quote(quarter)}” is not a quarter (write it like 2026-Q3); showing {chosen}."
            : null;
        var quarters = await QuartersAsync(db, projectId, chosen, ct);

        var current = versions.Count == 0 ? null : versions[0];
        var stats = current is null ? null : await ItemStatsAsync(db, projectId, chosen, current.Items, ct);
        var coverage = current is null ? new RubricCoverage([], new Dictionary<string, string>())
            : await RubricCoverage.LoadAsync(db, projectId, current.Number, current.Items, ct);
        var missing = await MissingAsync(db, projectId, chosen, coverage, ct);
        return new RubricsView(versions, diff, diffProblem, chosen, quarterProblem, quarters, stats, missing);
    }

    /// <summary>The project's versions, newest (highest number) first, each with its items in rubric order.</summary>
    public async Task<IReadOnlyList<RubricVersionView>> VersionsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await VersionsAsync(db, projectId, ct);
    }

    private static async Task<IReadOnlyList<RubricVersionView>> VersionsAsync(AppDbContext db, int projectId, CancellationToken ct)
    {
        var rows = await db.RubricVersions.AsNoTracking().Where(v => v.ProjectId == projectId).Include(v => v.Items).ToListAsync(ct);
        return rows.OrderByDescending(v => v.Number)
            .Select(v => new RubricVersionView(v.Number, v.Status, v.ApprovedBy, v.ApprovedAt, v.Notes, v.CreatedAt,
                v.Items.OrderBy(i => i.Position).ThenBy(i => i.Id).Select(i => new RubricItemView(i.Key, i.Description, i.Weight)).ToList()))
            .ToList();
    }

    private static (RubricDiff? Diff, string? Problem) Diff(IReadOnlyList<RubricVersionView> versions, string? from, string? to)
    {
        if (versions.Count == 0) return (null, null);
        var byNumber = versions.ToDictionary(v => v.Number);
        RubricVersionView? Find(string? text, RubricVersionView? fallback, out string? problem)
        {
            problem = null;
            if (text is null) return fallback;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && byNumber.TryGetValue(n, out var found)) return found;
            problem = $"There is no rubric version “{ErrorEcho.Quote(text)}”.";
            return null;
        }

        var newer = Find(to, versions[0], out var toProblem);
        var older = Find(from, newer is null ? null : versions.FirstOrDefault(v => v.Number < newer.Number), out var fromProblem);
        if ((toProblem ?? fromProblem) is { } problem) return (null, problem);
        if (newer is null || older is null) return (null, null); // one version only: nothing to compare yet
        return (RubricDiff.Between(older, newer), null);
    }

    private async Task<CalendarQuarter> DefaultQuarterAsync(AppDbContext db, int projectId, CancellationToken ct)
    {
        var newestRun = await db.BenchRuns.Where(r => r.ProjectId == projectId).MaxAsync(r => (DateTime?)r.StartedAt, ct);
        return CalendarQuarter.Of(newestRun ?? clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The quarters the picker offers: every quarter from the oldest run or round to the newest, newest first,
    /// and the chosen one.</summary>
    private static async Task<IReadOnlyList<CalendarQuarter>> QuartersAsync(AppDbContext db, int projectId, CalendarQuarter chosen, CancellationToken ct)
    {
        var runs = db.BenchRuns.Where(r => r.ProjectId == projectId);
        var rounds = db.SamplingRounds.Where(r => r.ProjectId == projectId);
        var ends = new[]
        {
            await runs.MinAsync(r => (DateTime?)r.StartedAt, ct), await runs.MaxAsync(r => (DateTime?)r.StartedAt, ct),
            await rounds.MinAsync(r => (DateTime?)r.WindowFrom, ct), (await rounds.MaxAsync(r => (DateTime?)r.WindowTo, ct))?.AddTicks(-1),
        }.OfType<DateTime>().ToList();
        var set = new SortedSet<CalendarQuarter> { chosen };
        if (ends.Count > 0)
        {
            for (var q = CalendarQuarter.Of(ends.Max()); q.CompareTo(CalendarQuarter.Of(ends.Min())) >= 0; q = q.Previous) set.Add(q);
        }
        return set.Reverse().ToList();
    }

    private static async Task<ItemStatsView> ItemStatsAsync(AppDbContext db, int projectId, CalendarQuarter quarter, IReadOnlyList<RubricItemView> items,
        CancellationToken ct)
    {
        var (start, end) = (quarter.Start, quarter.End);
        var tally = new ItemFailureTally(quarter, items);
        var runIds = await db.BenchRuns.Where(r => r.ProjectId == projectId && r.StartedAt >= start && r.StartedAt < end).Select(r => r.Id).ToListAsync(ct);
        foreach (var id in runIds) tally.AddRun(id);
        // Streamed: a quarter of runs of a large bench is tens of thousands of results, read once and counted.
        var results = from r in db.BenchResults.AsNoTracking()
                      join run in db.BenchRuns on r.BenchRunId equals run.Id
                      where run.ProjectId == projectId && run.StartedAt >= start && run.StartedAt < end && r.ItemOutcomesJson != null
                      select new { run.Id, run.StartedAt, r.ItemOutcomesJson };
        await foreach (var r in results.AsAsyncEnumerable().WithCancellation(ct)) tally.AddResult(r.Id, r.StartedAt, r.ItemOutcomesJson);
        return tally.Result();
    }

    private static async Task<MissingView> MissingAsync(AppDbContext db, int projectId, CalendarQuarter quarter, RubricCoverage coverage, CancellationToken ct)
    {
        var (start, end) = (quarter.Start, quarter.End);
        var rounds = await db.SamplingRounds.AsNoTracking().Where(r => r.ProjectId == projectId && r.WindowFrom < end && r.WindowTo > start)
            .OrderBy(r => r.WindowFrom).ThenBy(r => r.Id)
            .Select(r => new SamplingRoundRef(r.Id, r.Period, r.WindowFrom, r.WindowTo)).ToListAsync(ct);
        CalendarQuarter? latest = null;
        if (rounds.Count == 0)
        {
            var newestEnd = await db.SamplingRounds.Where(r => r.ProjectId == projectId).MaxAsync(r => (DateTime?)r.WindowTo, ct);
            latest = newestEnd is { } e ? CalendarQuarter.Of(e.AddTicks(-1)) : null;
            return new MissingView(quarter, rounds, 0, [], latest);
        }

        // The label that counts per sampled trace (the settled one after a disagreement), as every other figure of a round.
        var facts = await RoundFacts.LoadAsync(db, rounds.Select(r => r.RoundId).ToList(), ct);
        var failures = facts.Select(f => f.Counting).OfType<LabelFacts>()
            .Where(l => l.Verdict == ReviewVerdict.Bad && !string.IsNullOrWhiteSpace(l.FailureCategory)).ToList();
        var categories = failures
            .GroupBy(l => l.FailureCategory!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var asked = g.Count(l => l.BenchWouldCatch is BenchWouldCatch.Yes or BenchWouldCatch.No);
                var caught = g.Count(l => l.BenchWouldCatch == BenchWouldCatch.Yes);
                (double Low, double High)? interval = asked == 0 ? null : Intervals.Wilson(caught, asked);
                return new MissingCategory(g.Key, g.Count(), asked, caught, asked == 0 ? null : (double)caught / asked, interval?.Low, interval?.High,
                    coverage.ItemsCovering(g.Key));
            })
            .OrderBy(c => c.Covered).ThenByDescending(c => c.Failures).ThenBy(c => c.Category, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new MissingView(quarter, rounds, failures.Count, categories, latest);
    }
}
