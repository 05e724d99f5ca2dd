namespace BenchDashboard.Features.Reports.Content;

/// <summary>Results over time: one chart per UX metric (bench pass rate against it, with 95 % bands and markers), and
/// the signal episodes of the period. <see cref="HasData"/> is false when the period holds no bench run and no production
/// data: the report then says so instead of drawing empty charts.</summary>
public sealed record ReportResults(bool HasData, IReadOnlyList<ReportChart> Charts, IReadOnlyList<ReportEpisode> Episodes);
