namespace BenchDashboard.Features.Reports.Content;

/// <summary>How the evidence was measured: the bench's composition and size, the rubric versions in force, what each
/// metric means, and the signal thresholds in force at the period's end.</summary>
public sealed record ReportMethod(ReportBench Bench, IReadOnlyList<ReportRubricVersion> RubricVersions,
    IReadOnlyList<ReportDefinition> Metrics, IReadOnlyList<ReportDefinition> Thresholds);
