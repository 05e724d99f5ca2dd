using BenchDashboard.Domain;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>One upgrade audit as the page and the API show it: the runs, the figures, every case that changed (with its
/// input) and the decisions made so far.</summary>
public sealed record UpgradeAuditView(int AuditId, string BaseRunId, string HeadRunId, string BaseVersion, string HeadVersion, int BaseVersionId, int HeadVersionId,
    DateTime BaseStartedAt, DateTime HeadStartedAt, DateTime CreatedAt, string? CreatedBy, UpgradeAuditStatus Status,
    string? SignedOffBy, DateTime? SignedOffAt, AuditFigures Figures, IReadOnlyList<AuditCase> Cases, IReadOnlyList<AuditDecisionView> Decisions)
{
    /// <summary>Case ids of one change, sorted.</summary>
    public IReadOnlyList<string> Ids(UpgradeCaseChange change) => Cases.Where(c => c.Change == change).Select(c => c.CaseId).ToList();

    /// <summary>Newly failing cases that have no decision yet: sign-off waits for them.</summary>
    public IReadOnlyList<string> Undecided => Cases.Where(c => c.Change == UpgradeCaseChange.NewlyFailing)
        .Select(c => c.CaseId).Except(Decisions.Select(d => d.CaseId), StringComparer.Ordinal).ToList();
}
