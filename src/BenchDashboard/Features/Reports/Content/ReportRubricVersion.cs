namespace BenchDashboard.Features.Reports.Content;

/// <summary>A rubric version in force during the period: its number, how it came to be ("imported through the API",
/// "approved by … on …"), its item keys, and from when it applied.</summary>
public sealed record ReportRubricVersion(int Number, string Origin, IReadOnlyList<string> ItemKeys, DateTime InForceFrom);
