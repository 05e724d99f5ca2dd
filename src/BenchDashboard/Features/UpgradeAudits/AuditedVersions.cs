using BenchDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>
/// The one rule for "this pipeline version has had its bench audit": a signed-off upgrade audit whose head run ran on
/// it. Data time: an audit counts from its sign-off, so the cadence signal for an earlier day still shows the version
/// as unaudited. The cadence signal and the audits list both ask here.
/// </summary>
public static class AuditedVersions
{
    /// <summary>Ids of the project's pipeline versions audited (signed off) before <paramref name="before"/>.</summary>
    public static IQueryable<int> Before(AppDbContext db, int projectId, DateTime before) =>
        db.UpgradeAudits.AsNoTracking()
            .Where(a => a.ProjectId == projectId && a.SignedOffAt != null && a.SignedOffAt < before)
            .Join(db.BenchRuns, a => a.HeadRunId, r => r.Id, (a, r) => r.PipelineVersionId)
            .Distinct();
}
