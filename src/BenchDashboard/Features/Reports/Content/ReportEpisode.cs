namespace BenchDashboard.Features.Reports.Content;

/// <summary>A signal episode that overlaps the period: onset, close (null while still open), the evidence sentence, and
/// every acknowledgement or other triage step with its reason.</summary>
public sealed record ReportEpisode(string Signal, DateOnly Onset, DateOnly? Closed, string Evidence, IReadOnlyList<ReportTriageStep> Triage);
