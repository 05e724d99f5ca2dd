namespace BenchDashboard.Features.Ingestion;

/// <summary>A pipeline version with what it is made of and when it was live: from its deployment until the next version's
/// (<see cref="LiveUntil"/> null while it is the newest).</summary>
public sealed record LiveVersion(string Version, string? Model, string? Prompt, string? Tools, string? DataSources, string? Notes,
    DateTime DeployedAt, DateTime? LiveUntil);
