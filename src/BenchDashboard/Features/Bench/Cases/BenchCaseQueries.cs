using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Bench.Runs;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Bench.Cases;

/// <summary>Reads for the Bench page's case list and the case page. Only one page of cases is read at a time, so a bench of
/// thousands of cases and hundreds of runs opens as fast as a small one.</summary>
public sealed class BenchCaseQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>A case's pass rate in the list is over at most this many of the newest runs that included it.</summary>
    public const int RecentRuns = 10;

    /// <summary>Characters of the input shown in the list; the case page has all of it.</summary>
    public const int InputStartLength = 160;

    public async Task<CaseListPage> ListAsync(int projectId, CaseFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = db.BenchCases.AsNoTracking().Where(c => c.ProjectId == projectId);
        var cases = filter.Status switch
        {
            CaseStatusFilter.Active => all.Where(c => c.Status == BenchCaseStatus.Active),
            CaseStatusFilter.Retired => all.Where(c => c.Status == BenchCaseStatus.Retired),
            _ => all,
        };
        if (filter.Source is { } source) cases = cases.Where(c => c.Source == source);
        if (filter.Category is { } category) cases = cases.Where(c => c.Category == category);
        if (filter.Text is { } text)
        {
            // Case-insensitive on both providers (SQLite's instr and PostgreSQL's strpos are not): lower() on each side.
            var needle = text.ToLowerInvariant();
            cases = cases.Where(c => c.ExternalId.ToLower().Contains(needle) || (c.Input != null && c.Input.ToLower().Contains(needle)));
        }

        var benchSize = await all.CountAsync(ct);
        var total = await cases.CountAsync(ct);
        var pageCount = Math.Max(1, (total + CaseFilter.PageSize - 1) / CaseFilter.PageSize);
        var page = Math.Min(filter.Page, pageCount);
        var shown = await cases.OrderBy(c => c.ExternalId).Skip((page - 1) * CaseFilter.PageSize).Take(CaseFilter.PageSize)
            .Select(c => new { c.Id, c.ExternalId, c.Category, c.Status, c.Source, Input = c.Input == null ? "" : c.Input.Substring(0, InputStartLength) })
            .ToListAsync(ct);

        var recentByCase = await RecentResultsAsync(db, projectId, shown.Select(c => c.Id).ToList(), ct);
        var rows = shown.Select(c =>
        {
            var recent = recentByCase[c.Id];
            var last = recent.FirstOrDefault();
            return new CaseRow(c.ExternalId, c.Category, c.Status, c.Source, c.Input, recent.Count, recent.Count(r => r.Passed),
                last?.Passed, last?.RunId, last?.StartedAt);
        }).ToList();
        return new CaseListPage(rows, total, page, pageCount, benchSize);
    }

    /// <summary>
    /// The newest <see cref="RecentRuns"/> results of each case, newest first. Read run by run from the newest, in growing
    /// batches, through the results' (run, case) index: a case's results lie scattered over the whole table (one row per
    /// run, written run by run), so reading all of a page's results would touch a page of the file per row, and on a
    /// bench of 2,000 cases and 500 runs that took a second. Usually the first batch holds every case's ten results.
    /// </summary>
    private static async Task<Dictionary<int, List<RecentResult>>> RecentResultsAsync(AppDbContext db, int projectId, List<int> caseIds, CancellationToken ct)
    {
        var recent = caseIds.ToDictionary(id => id, _ => new List<RecentResult>());
        if (caseIds.Count == 0) return recent;
        var runs = (await db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId).Select(r => new { r.Id, r.RunId, r.StartedAt }).ToListAsync(ct))
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();
        var open = caseIds.ToList();
        for (int start = 0, size = RecentRuns; start < runs.Count && open.Count > 0; start += size, size *= 2)
        {
            var batch = runs.Skip(start).Take(size).ToList();
            var batchIds = batch.Select(r => r.Id).ToList();
            // Inlined as IN (…) lists (at most 50 cases and a few hundred runs): SQLite then probes the (run, case) index.
            var rows = await db.BenchResults.AsNoTracking()
                .Where(r => EF.Constant(batchIds).Contains(r.BenchRunId) && EF.Constant(open).Contains(r.BenchCaseId))
                .Select(r => new { r.BenchRunId, r.BenchCaseId, r.Passed }).ToListAsync(ct);
            var passed = rows.ToDictionary(r => (r.BenchRunId, r.BenchCaseId), r => r.Passed);
            foreach (var run in batch)
            {
                foreach (var caseId in open)
                {
                    if (recent[caseId].Count < RecentRuns && passed.TryGetValue((run.Id, caseId), out var p)) recent[caseId].Add(new RecentResult(run.RunId, run.StartedAt, p));
                }
            }
            open = open.Where(id => recent[id].Count < RecentRuns).ToList();
        }
        return recent;
    }

    private sealed record RecentResult(string RunId, DateTime StartedAt, bool Passed);

    /// <summary>Label of cases without a category in <see cref="CompositionAsync"/>.</summary>
    public const string NoCategory = "(no category)";

    /// <summary>
    /// The bench on <paramref name="to"/> (data time, <see cref="BenchCaseLife"/>) by source and category, with the cases
    /// that joined it (first run or acceptance) and were retired between <paramref name="from"/> and <paramref name="to"/>,
    /// both days included.
    /// </summary>
    public async Task<BenchComposition> CompositionAsync(int projectId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cases = await db.BenchCases.AsNoTracking().Where(c => c.ProjectId == projectId)
            .Select(c => new { c.FirstSeenAt, c.RetiredAt, c.Source, c.Category }).ToListAsync(ct);
        var inBench = cases.Where(c => BenchCaseLife.ExistsOn(c.FirstSeenAt, c.RetiredAt, to)).ToList();
        static List<(string, int)> Counted(IEnumerable<string> labels) => labels.GroupBy(l => l, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).OrderByDescending(p => p.Item2).ThenBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToList();
        static bool Within(DateTime at, DateOnly from, DateOnly to) => DateOnly.FromDateTime(at) >= from && DateOnly.FromDateTime(at) <= to;
        return new BenchComposition(inBench.Count,
            Counted(inBench.Select(c => CaseFilter.SourceLabel(c.Source))),
            Counted(inBench.Select(c => string.IsNullOrEmpty(c.Category) ? NoCategory : c.Category)),
            cases.Count(c => Within(c.FirstSeenAt, from, to)),
            cases.Count(c => c.RetiredAt is { } at && Within(at, from, to)));
    }

    /// <summary>The categories the project's cases carry, for the filter.</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var categories = await db.BenchCases.AsNoTracking().Where(c => c.ProjectId == projectId && c.Category != null)
            .Select(c => c.Category!).Distinct().ToListAsync(ct);
        categories.Sort(StringComparer.OrdinalIgnoreCase);
        return categories;
    }

    /// <summary>The case with its result in every run (newest first) and its retirements; null when the project has no such case.</summary>
    public async Task<CaseDetail?> DetailAsync(int projectId, string caseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.BenchCases.AsNoTracking().FirstOrDefaultAsync(x => x.ProjectId == projectId && x.ExternalId == caseId, ct);
        if (c is null) return null;
        var results = (await (from r in db.BenchResults.AsNoTracking()
                              join run in db.BenchRuns.AsNoTracking() on r.BenchRunId equals run.Id
                              where r.BenchCaseId == c.Id
                              select new { run.RunId, run.PipelineVersion!.Version, run.StartedAt, r.Passed, r.Score }).ToListAsync(ct))
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal)
            .Select(r => new CaseRunResult(r.RunId, r.Version, r.StartedAt, r.Passed, r.Score, RunCounting.CountsIn(c.RetiredAt, r.StartedAt)))
            .ToList();
        return new CaseDetail(c.ExternalId, c.Input, c.ExpectedBehaviour, c.Category, c.Status, c.Source, c.ProvenanceTraceJson,
            c.FirstSeenAt, c.RetiredAt, results, await HistoryAsync(db, projectId, caseId, ct));
    }

    private static async Task<IReadOnlyList<CaseStatusChange>> HistoryAsync(AppDbContext db, int projectId, string caseId, CancellationToken ct)
    {
        var subject = $"bench-case:{caseId}";
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Subject == subject && (e.Action == AuditActions.BenchCaseRetired || e.Action == AuditActions.BenchCaseReactivated))
            .OrderByDescending(e => e.Id).Select(e => new { e.At, e.Actor, e.Action, e.PayloadJson }).ToListAsync(ct);
        var changes = new List<CaseStatusChange>();
        foreach (var e in events)
        {
            // The subject names the case id only; the payload says which project's case it was.
            var payload = e.PayloadJson is null ? null : JsonSerializer.Deserialize<StatusChangePayload>(e.PayloadJson, PayloadOptions);
            if (payload?.ProjectId != projectId) continue;
            changes.Add(new CaseStatusChange(e.At, e.Actor, e.Action == AuditActions.BenchCaseRetired, payload.Reason));
        }
        return changes;
    }

    private static readonly JsonSerializerOptions PayloadOptions = new(JsonSerializerDefaults.Web);

    private sealed record StatusChangePayload(int ProjectId, string? Reason);
}
