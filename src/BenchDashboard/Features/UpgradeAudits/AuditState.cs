namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>A version's bench audit: signed off, due within the grace period, or overdue.</summary>
public enum AuditState { Due, Overdue, Done }
