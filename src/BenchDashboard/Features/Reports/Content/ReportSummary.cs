namespace BenchDashboard.Features.Reports.Content;

/// <summary>The first page: the state of each practice in the period, the signals still open at its end, and a
/// one-paragraph verdict in plain words.</summary>
public sealed record ReportSummary(IReadOnlyList<PracticeState> Practices, IReadOnlyList<ReportOpenSignal> OpenSignals, string Verdict);
