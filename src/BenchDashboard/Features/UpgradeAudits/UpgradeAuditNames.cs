using BenchDashboard.Domain;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>The words API.md and the pages use for statuses, changes and decisions; one mapping, both directions.</summary>
public static class UpgradeAuditNames
{
    public static string Of(UpgradeAuditStatus status) => status == UpgradeAuditStatus.SignedOff ? "signed_off" : "open";

    public static string Of(UpgradeCaseChange change) => change switch
    {
        UpgradeCaseChange.NewlyPassing => "newly_passing",
        UpgradeCaseChange.NewlyFailing => "newly_failing",
        UpgradeCaseChange.StillFailing => "still_failing",
        UpgradeCaseChange.Added => "added",
        _ => "removed",
    };

    public static string Of(UpgradeCaseVerdict verdict) => verdict switch
    {
        UpgradeCaseVerdict.Keep => "keep",
        UpgradeCaseVerdict.Retire => "retire",
        UpgradeCaseVerdict.Investigate => "investigate",
        _ => "fix_bench",
    };

    /// <summary>How the pages name a decision.</summary>
    public static string Label(UpgradeCaseVerdict verdict) => verdict switch
    {
        UpgradeCaseVerdict.Keep => "Keep",
        UpgradeCaseVerdict.Retire => "Retire the case",
        UpgradeCaseVerdict.Investigate => "Investigate regression",
        _ => "Fix the bench",
    };

    /// <summary>How the pages name a change.</summary>
    public static string Label(UpgradeCaseChange change) => change switch
    {
        UpgradeCaseChange.NewlyPassing => "Newly passing",
        UpgradeCaseChange.NewlyFailing => "Newly failing",
        UpgradeCaseChange.StillFailing => "Still failing",
        UpgradeCaseChange.Added => "Added",
        _ => "Removed",
    };
}
