using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Bench.Cases;
using BenchDashboard.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>
/// The per-upgrade bench audit (issue 14): opens an audit of a base and a head run, computes what changed case by case,
/// records a Lead's decisions and the sign-off. Sign-off is audited and clears the cadence item for the head's version
/// (<see cref="AuditedVersions"/>).
/// </summary>
public sealed class UpgradeAuditService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock, BenchCaseRetirement retirement)
{
    /// <summary>Case ids named in one audit-log event; the count is always there.</summary>
    private const int LoggedCaseIds = 50;

    private sealed record RunRow(int Id, string RunId, DateTime StartedAt, int VersionId, string Version);

    /// <summary>Opens the audit of two runs of the project, or finds the one that exists for that pair.</summary>
    public async Task<OpenAuditResult> OpenAsync(int projectId, string baseRunId, string headRunId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await RunsAsync(db, projectId, [baseRunId, headRunId], ct);
        // Runs are looked up within the project: a run of another project is as unknown here as one that never existed.
        if (!runs.TryGetValue(baseRunId, out var @base)) return new(OpenAuditOutcome.UnknownRun, Problem: $"There is no bench run '{ErrorEcho.Quote(baseRunId)}' in this project.");
        if (!runs.TryGetValue(headRunId, out var head)) return new(OpenAuditOutcome.UnknownRun, Problem: $"There is no bench run '{ErrorEcho.Quote(headRunId)}' in this project.");
        if (@base.VersionId == head.VersionId)
        {
            return new(OpenAuditOutcome.Invalid, Problem: $"Both runs are of version {@base.Version}: an upgrade audit compares two versions.");
        }
        if (head.StartedAt < @base.StartedAt)
        {
            return new(OpenAuditOutcome.Invalid, Problem: $"The head run '{ErrorEcho.Quote(headRunId)}' started before the base run '{ErrorEcho.Quote(baseRunId)}': the base is the older run.");
        }

        if (await ExistingAsync(db, projectId, @base.Id, head.Id, ct) is { } existing) return new(OpenAuditOutcome.Existing, existing);
        var row = new UpgradeAudit
        {
            ProjectId = projectId, BaseRunId = @base.Id, HeadRunId = head.Id, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = Cut(actor, 256),
        };
        db.UpgradeAudits.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two requests for the same pair at once: the unique index let one in, and this one answers with it.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            if (await ExistingAsync(again, projectId, @base.Id, head.Id, ct) is { } raced) return new(OpenAuditOutcome.Existing, raced);
            throw;
        }
        await audit.AppendAsync(actor, AuditActions.UpgradeAuditOpened, $"upgrade-audit:{row.Id}",
            new { projectId, auditId = row.Id, baseRunId, headRunId, baseVersion = @base.Version, headVersion = head.Version }, ct);
        return new(OpenAuditOutcome.Created, row.Id);
    }

    /// <summary>The project's audits, newest first.</summary>
    public async Task<List<UpgradeAuditListItem>> ListAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from a in db.UpgradeAudits.AsNoTracking().Where(a => a.ProjectId == projectId)
                          join b in db.BenchRuns on a.BaseRunId equals b.Id
                          join h in db.BenchRuns on a.HeadRunId equals h.Id
                          select new { a.Id, Base = b.RunId, Head = h.RunId, BaseVersion = b.PipelineVersion!.Version, HeadVersion = h.PipelineVersion!.Version,
                              a.CreatedAt, a.SignedOffBy, a.SignedOffAt }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new UpgradeAuditListItem(r.Id, r.Base, r.Head, r.BaseVersion, r.HeadVersion, r.CreatedAt,
                r.SignedOffAt is null ? UpgradeAuditStatus.Open : UpgradeAuditStatus.SignedOff, r.SignedOffBy, r.SignedOffAt))
            .ToList();
    }

    /// <summary>Null when the project has no such audit.</summary>
    public async Task<UpgradeAuditView?> GetAsync(int projectId, int auditId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.UpgradeAudits.AsNoTracking().FirstOrDefaultAsync(x => x.ProjectId == projectId && x.Id == auditId, ct);
        if (a is null) return null;
        var runs = await db.BenchRuns.AsNoTracking().Where(r => r.Id == a.BaseRunId || r.Id == a.HeadRunId)
            .Select(r => new RunRow(r.Id, r.RunId, r.StartedAt, r.PipelineVersionId, r.PipelineVersion!.Version)).ToListAsync(ct);
        var @base = runs.First(r => r.Id == a.BaseRunId);
        var head = runs.First(r => r.Id == a.HeadRunId);
        var results = await db.BenchResults.AsNoTracking().Where(r => r.BenchRunId == a.BaseRunId || r.BenchRunId == a.HeadRunId)
            .Select(r => new { r.BenchRunId, r.Passed, r.BenchCase!.ExternalId, r.BenchCase.Category, r.BenchCase.Input }).ToListAsync(ct);

        var byCase = new Dictionary<string, (string? Category, string? Input, bool? Base, bool? Head)>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            byCase.TryGetValue(r.ExternalId, out var c);
            c = (r.Category, r.Input, r.BenchRunId == a.BaseRunId ? r.Passed : c.Base, r.BenchRunId == a.HeadRunId ? r.Passed : c.Head);
            byCase[r.ExternalId] = c;
        }
        var figures = AuditFigures.From(byCase.Values.Select(c => (c.Base, c.Head)));
        var cases = byCase.Select(p => new AuditCase(p.Key, p.Value.Category, p.Value.Input, AuditCase.ChangeOf(p.Value.Base, p.Value.Head), p.Value.Base, p.Value.Head))
            .Where(c => c.Change is not null).OrderBy(c => c.CaseId, StringComparer.Ordinal).ToList();
        var decisions = (await db.UpgradeCaseDecisions.AsNoTracking().Where(d => d.UpgradeAuditId == auditId)
                .Select(d => new AuditDecisionView(d.BenchCase!.ExternalId, d.Change, d.Decision, d.Rationale, d.DecidedBy, d.DecidedAt)).ToListAsync(ct))
            .OrderBy(d => d.CaseId, StringComparer.Ordinal).ToList();
        return new UpgradeAuditView(a.Id, @base.RunId, head.RunId, @base.Version, head.Version, @base.VersionId, head.VersionId, @base.StartedAt, head.StartedAt, a.CreatedAt, a.CreatedBy,
            a.Status, a.SignedOffBy, a.SignedOffAt, figures, cases, decisions);
    }

    /// <summary>Records one decision with one rationale for several cases of an open audit (a later decision on a case
    /// replaces the earlier one). Returns why nothing was stored, or null.</summary>
    public async Task<string?> DecideAsync(int projectId, int auditId, IReadOnlyCollection<string> caseIds, UpgradeCaseVerdict verdict, string rationale,
        string user, CancellationToken ct = default)
    {
        rationale = rationale.Trim();
        if (caseIds.Count == 0) return "Choose at least one case.";
        if (rationale.Length == 0) return "Write a rationale: why this decision for these cases.";
        if (rationale.Length > UpgradeCaseDecision.MaxRationale) return $"The rationale is longer than {UpgradeCaseDecision.MaxRationale:N0} characters.";
        var view = await GetAsync(projectId, auditId, ct);
        if (view is null) return "This audit does not exist.";
        if (view.Status == UpgradeAuditStatus.SignedOff) return "This audit is signed off; its decisions can no longer change.";
        var changes = view.Cases.ToDictionary(c => c.CaseId, c => c.Change!.Value, StringComparer.Ordinal);
        var unknown = caseIds.Where(id => !changes.ContainsKey(id)).ToList();
        if (unknown.Count > 0) return $"Not a changed case of this audit: {string.Join(", ", unknown.Take(5))}.";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = caseIds.Distinct(StringComparer.Ordinal).ToList();
        var caseRows = await db.BenchCases.Where(c => c.ProjectId == projectId && ids.Contains(c.ExternalId))
            .Select(c => new { c.Id, c.ExternalId }).ToDictionaryAsync(c => c.ExternalId, c => c.Id, StringComparer.Ordinal, ct);
        var rowIds = caseRows.Values.ToList();
        var existing = await db.UpgradeCaseDecisions.Where(d => d.UpgradeAuditId == auditId && rowIds.Contains(d.BenchCaseId))
            .ToDictionaryAsync(d => d.BenchCaseId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in ids)
        {
            var caseRow = caseRows[id];
            if (!existing.TryGetValue(caseRow, out var d))
            {
                d = new UpgradeCaseDecision { UpgradeAuditId = auditId, BenchCaseId = caseRow, Rationale = rationale, DecidedBy = user };
                db.UpgradeCaseDecisions.Add(d);
            }
            d.Change = changes[id];
            d.Decision = verdict;
            d.Rationale = rationale;
            d.DecidedBy = Cut(user, 256);
            d.DecidedAt = now;
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user, AuditActions.UpgradeAuditDecided, $"upgrade-audit:{auditId}",
            new { projectId, auditId, decision = UpgradeAuditNames.Of(verdict), rationale, cases = ids.Count, caseIds = ids.Take(LoggedCaseIds) }, ct);
        return null;
    }

    /// <summary>Signs the audit off once every newly failing case has a decision; audited. Returns why not, or null.</summary>
    public async Task<string?> SignOffAsync(int projectId, int auditId, string user, CancellationToken ct = default)
    {
        var view = await GetAsync(projectId, auditId, ct);
        if (view is null) return "This audit does not exist.";
        if (view.Status == UpgradeAuditStatus.SignedOff) return $"This audit was already signed off by {view.SignedOffBy}.";
        var undecided = view.Undecided;
        if (undecided.Count > 0)
        {
            return (undecided.Count == 1 ? "1 newly failing case still needs a decision" : $"{undecided.Count} newly failing cases still need a decision") +
                   $" before sign-off: {string.Join(", ", undecided.Take(10))}{(undecided.Count > 10 ? ", …" : "")}.";
        }

        var retire = view.Decisions.Where(d => d.Decision == UpgradeCaseVerdict.Retire).Select(d => d.CaseId).ToList();
        var notRetired = await RetireDecidedCasesAsync(projectId, auditId, view, retire, user, ct);
        if (notRetired is not null) return notRetired;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.UpgradeAudits.FirstAsync(a => a.ProjectId == projectId && a.Id == auditId, ct);
        if (row.SignedOffAt is not null) return $"This audit was already signed off by {row.SignedOffBy}.";
        row.SignedOffBy = Cut(user, 256);
        row.SignedOffAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user, AuditActions.UpgradeAuditSignedOff, $"upgrade-audit:{auditId}", new
        {
            projectId, auditId, baseRunId = view.BaseRunId, headRunId = view.HeadRunId, baseVersion = view.BaseVersion, headVersion = view.HeadVersion,
            passRateDelta = view.Figures.Delta, view.Figures.McnemarP, decisions = view.Decisions.Count,
            decided = view.Decisions.GroupBy(d => UpgradeAuditNames.Of(d.Decision)).ToDictionary(g => g.Key, g => g.Count()),
            retired = retire.Take(LoggedCaseIds),
        }, ct);
        return null;
    }

    /// <summary>
    /// Retires the cases a Lead decided to retire ("retiring from an audit retires the case", issue 14) through the one
    /// retirement there is (<see cref="BenchCaseRetirement"/>, audited there), with the audit and the decision's rationale
    /// as the reason. Called before the sign-off is stored, so a failure leaves the audit open to sign off again; a case
    /// retired already (by hand, or by an earlier attempt) is fine. Returns why sign-off cannot go on, or null.
    /// </summary>
    private async Task<string?> RetireDecidedCasesAsync(int projectId, int auditId, UpgradeAuditView view, IReadOnlyList<string> caseExternalIds,
        string user, CancellationToken ct)
    {
        foreach (var caseId in caseExternalIds)
        {
            var rationale = view.Decisions.First(d => d.CaseId == caseId).Rationale;
            var reason = Cut($"Upgrade audit {auditId} ({view.BaseVersion} → {view.HeadVersion}): {rationale}", BenchCaseRetirement.MaxReasonLength);
            var outcome = await retirement.RetireAsync(projectId, caseId, reason, user, ct);
            if (outcome is not (RetirementOutcome.Done or RetirementOutcome.AlreadyInThatState))
            {
                return $"Case {caseId} could not be retired ({outcome}); nothing was signed off.";
            }
        }
        return null;
    }

    /// <summary>Every version that replaced another, oldest first, with its audit state as of <paramref name="today"/>.</summary>
    public async Task<List<VersionTransition>> TransitionsAsync(int projectId, DateOnly today, int graceDays, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = (await db.PipelineVersions.AsNoTracking().Where(v => v.ProjectId == projectId)
            .Select(v => new { v.Id, v.Version, v.DeployedAt }).ToListAsync(ct)).OrderBy(v => v.DeployedAt).ToList();
        var end = today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var audited = (await AuditedVersions.Before(db, projectId, end).ToListAsync(ct)).ToHashSet();
        var audits = await (from a in db.UpgradeAudits.AsNoTracking().Where(a => a.ProjectId == projectId)
                            join h in db.BenchRuns on a.HeadRunId equals h.Id
                            select new { a.Id, h.PipelineVersionId, a.SignedOffAt, a.CreatedAt }).ToListAsync(ct);
        var latestRuns = (await db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId)
                .Select(r => new { r.PipelineVersionId, r.RunId, r.StartedAt }).ToListAsync(ct))
            .GroupBy(r => r.PipelineVersionId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).First().RunId);

        var list = new List<VersionTransition>();
        for (var i = 1; i < versions.Count; i++)
        {
            var (previous, version) = (versions[i - 1], versions[i]);
            // The signed-off audit if there is one, else the newest open one.
            var shown = audits.Where(a => a.PipelineVersionId == version.Id)
                .OrderByDescending(a => a.SignedOffAt is not null).ThenByDescending(a => a.CreatedAt).FirstOrDefault();
            var state = audited.Contains(version.Id) ? AuditState.Done
                : AuditSchedule.IsOverdue(version.DeployedAt, graceDays, today) ? AuditState.Overdue : AuditState.Due;
            list.Add(new VersionTransition(version.Version, previous.Version, version.DeployedAt, AuditSchedule.DueBy(version.DeployedAt, graceDays), state,
                shown?.Id, shown?.SignedOffAt is not null, latestRuns.GetValueOrDefault(previous.Id), latestRuns.GetValueOrDefault(version.Id)));
        }
        return list;
    }

    /// <summary>The project's runs, newest first, for choosing base and head.</summary>
    public async Task<List<RunChoice>> RunsAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId)
            .Select(r => new RunChoice(r.RunId, r.PipelineVersion!.Version, r.StartedAt, r.Results.Count, r.Results.Count(x => x.Passed)))
            .ToListAsync(ct);
        return runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();
    }

    private static async Task<Dictionary<string, RunRow>> RunsAsync(AppDbContext db, int projectId, string[] runIds, CancellationToken ct) =>
        await db.BenchRuns.AsNoTracking().Where(r => r.ProjectId == projectId && runIds.Contains(r.RunId))
            .Select(r => new RunRow(r.Id, r.RunId, r.StartedAt, r.PipelineVersionId, r.PipelineVersion!.Version))
            .ToDictionaryAsync(r => r.RunId, StringComparer.Ordinal, ct);

    private static async Task<int?> ExistingAsync(AppDbContext db, int projectId, int baseRun, int headRun, CancellationToken ct) =>
        await db.UpgradeAudits.AsNoTracking().Where(a => a.ProjectId == projectId && a.BaseRunId == baseRun && a.HeadRunId == headRun)
            .Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
