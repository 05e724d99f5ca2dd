namespace BenchDashboard.Domain;

/// <summary>
/// A Lead's decision on one case of an upgrade audit, with the rationale. Stored in <c>UpgradeCaseDecisions</c>: an
/// older retired table was called UpgradeAuditDecisions and may still exist in old databases.
/// </summary>
public class UpgradeCaseDecision
{
    /// <summary>A rationale is a few sentences, not an essay; the page and the database share the limit.</summary>
    public const int MaxRationale = 2000;

    public int Id { get; set; }
    public int UpgradeAuditId { get; set; }
    public int BenchCaseId { get; set; }
    public BenchCase? BenchCase { get; set; }
    /// <summary>The change the decision was made on, kept as seen then.</summary>
    public UpgradeCaseChange Change { get; set; }
    public UpgradeCaseVerdict Decision { get; set; }
    public required string Rationale { get; set; }
    public required string DecidedBy { get; set; }
    public DateTime DecidedAt { get; set; }
}
