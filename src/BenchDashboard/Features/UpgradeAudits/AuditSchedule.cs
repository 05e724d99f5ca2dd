namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>When a new version's bench audit is due: within the project's grace period (SignalSettings.AuditGraceDays)
/// after deployment, overdue the day after. The cadence signal and the audits list share this.</summary>
public static class AuditSchedule
{
    /// <summary>The last day the audit is on time.</summary>
    public static DateOnly DueBy(DateTime deployedAt, int graceDays) => DateOnly.FromDateTime(deployedAt).AddDays(graceDays);

    public static bool IsOverdue(DateTime deployedAt, int graceDays, DateOnly asOf) => DueBy(deployedAt, graceDays) < asOf;
}
