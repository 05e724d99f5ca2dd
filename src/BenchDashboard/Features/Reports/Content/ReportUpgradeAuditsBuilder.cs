using BenchDashboard.Domain;
using BenchDashboard.Features.UpgradeAudits;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The upgrade-audits section: every audit opened or signed off in the period, or whose head version went live in it
/// (decision 0036), oldest first, with the audit page's figures and changed cases (<see cref="UpgradeAuditService.GetAsync"/>).
/// </summary>
public sealed class ReportUpgradeAuditsBuilder(UpgradeAuditService audits)
{
    public async Task<IReadOnlyList<ReportUpgradeAudit>> BuildAsync(int projectId, ReportPeriod period, IReadOnlyCollection<string> versionsDeployedInPeriod,
        CancellationToken ct)
    {
        var list = new List<ReportUpgradeAudit>();
        foreach (var item in (await audits.ListAsync(projectId, ct)).OrderBy(a => a.CreatedAt).ThenBy(a => a.AuditId))
        {
            var touched = period.Contains(item.CreatedAt) || item.SignedOffAt is { } at && period.Contains(at) || versionsDeployedInPeriod.Contains(item.HeadVersion);
            if (!touched || await audits.GetAsync(projectId, item.AuditId, ct) is not { } view) continue;
            var decisions = view.Decisions.ToDictionary(d => d.CaseId, StringComparer.Ordinal);
            var f = view.Figures;
            list.Add(new ReportUpgradeAudit(view.AuditId, view.BaseVersion, view.HeadVersion, view.BaseRunId, view.HeadRunId,
                f.BasePassRate, f.HeadPassRate, f.Delta, f.DeltaLow, f.DeltaHigh, f.McnemarP,
                view.Status == UpgradeAuditStatus.SignedOff ? "Signed off" : "Open", view.SignedOffBy, view.SignedOffAt,
                view.Cases.Select(c => decisions.GetValueOrDefault(c.CaseId) is { } d
                        ? new ReportCaseDecision(c.CaseId, UpgradeAuditNames.Label(c.Change!.Value), UpgradeAuditNames.Label(d.Decision), d.Rationale)
                        : new ReportCaseDecision(c.CaseId, UpgradeAuditNames.Label(c.Change!.Value), null, null))
                    .ToList()));
        }
        return list;
    }
}
