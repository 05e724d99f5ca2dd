using BenchDashboard.Domain;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>
/// One audit, <c>GET …/upgrade-audits/{auditId}</c> and the answer to creating one: the fields API.md lists, in its
/// order, then optional extras (the paired case count, each rate's interval, the plain summary).
/// </summary>
public sealed record UpgradeAuditContract(int AuditId, string BaseRunId, string HeadRunId, string BaseVersion, string HeadVersion,
    DateTime CreatedAt, string Status, string? SignedOffBy, DateTime? SignedOffAt,
    double BasePassRate, double HeadPassRate, double PassRateDelta, double PassRateDeltaLow, double PassRateDeltaHigh, double McnemarP,
    IReadOnlyList<string> NewlyPassing, IReadOnlyList<string> NewlyFailing, IReadOnlyList<string> StillFailing,
    IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<UpgradeAuditDecisionContract> Decisions,
    int PairedCases, double BasePassRateLow, double BasePassRateHigh, double HeadPassRateLow, double HeadPassRateHigh, string Summary)
{
    public static UpgradeAuditContract Of(UpgradeAuditView a)
    {
        var f = a.Figures;
        return new(a.AuditId, a.BaseRunId, a.HeadRunId, a.BaseVersion, a.HeadVersion, a.CreatedAt, UpgradeAuditNames.Of(a.Status), a.SignedOffBy, a.SignedOffAt,
            f.BasePassRate, f.HeadPassRate, f.Delta, f.DeltaLow, f.DeltaHigh, f.McnemarP,
            a.Ids(UpgradeCaseChange.NewlyPassing), a.Ids(UpgradeCaseChange.NewlyFailing), a.Ids(UpgradeCaseChange.StillFailing),
            a.Ids(UpgradeCaseChange.Added), a.Ids(UpgradeCaseChange.Removed),
            a.Decisions.Select(d => new UpgradeAuditDecisionContract(d.CaseId, UpgradeAuditNames.Of(d.Change), UpgradeAuditNames.Of(d.Decision),
                d.Rationale, d.DecidedBy, d.DecidedAt)).ToList(),
            f.Cases, f.BaseLow, f.BaseHigh, f.HeadLow, f.HeadHigh, AuditSentence.Of(f));
    }
}
