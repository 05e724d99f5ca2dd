namespace BenchDashboard.Features.Reports.Content;

/// <summary>What a chart marker stands for.</summary>
public enum ReportMarkerKind
{
    Version,
    Rubric,
}
