namespace BenchDashboard.Features.Reports.Content;

/// <summary>A signal firing at the end of the period: its name as the Signals page shows it, since when, its triage
/// status (e.g. "acknowledged by lead@… : campaign traffic"), and the evidence sentence.</summary>
public sealed record ReportOpenSignal(string Signal, DateOnly Since, string Triage, string Evidence);
