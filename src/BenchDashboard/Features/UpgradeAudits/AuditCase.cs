using BenchDashboard.Domain;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>One case of an audit as the two runs saw it; a result is null when the run did not include the case.</summary>
public sealed record AuditCase(string CaseId, string? Category, string? Input, UpgradeCaseChange? Change, bool? BasePassed, bool? HeadPassed)
{
    /// <summary>The change from base to head, or null for a case that passed in both (nothing to look at).</summary>
    public static UpgradeCaseChange? ChangeOf(bool? basePassed, bool? headPassed) => (basePassed, headPassed) switch
    {
        (null, not null) => UpgradeCaseChange.Added,
        (not null, null) => UpgradeCaseChange.Removed,
        (false, true) => UpgradeCaseChange.NewlyPassing,
        (true, false) => UpgradeCaseChange.NewlyFailing,
        (false, false) => UpgradeCaseChange.StillFailing,
        _ => null,
    };
}
