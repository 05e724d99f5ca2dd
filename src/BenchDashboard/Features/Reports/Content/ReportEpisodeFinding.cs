namespace BenchDashboard.Features.Reports.Content;

/// <summary>A divergence episode of the period as the report shows it, with the numbers the verdict reads: the metric, its
/// level before the onset and on the episode's latest day, in the metric's unit.</summary>
public sealed record ReportEpisodeFinding(ReportEpisode Episode, string Metric, string Before, string Now);
