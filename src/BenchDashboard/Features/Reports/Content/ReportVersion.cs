namespace BenchDashboard.Features.Reports.Content;

/// <summary>A pipeline version live during the period (scope): what it was made of and when it was live
/// (<paramref name="LiveUntil"/> null while still live at the period's end).</summary>
public sealed record ReportVersion(string Label, string? Model, string? Prompt, string? Tools, string? DataSources,
    DateTime DeployedAt, DateTime? LiveUntil, string? Notes);
