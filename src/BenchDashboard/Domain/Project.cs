namespace BenchDashboard.Domain;

/// <summary>An AI product whose bench BenchDashboard keeps honest; every other record belongs to one.</summary>
public class Project
{
    public int Id { get; set; }
    /// <summary>URL identifier, <c>[a-z0-9-]{2,64}</c>, used by the API.</summary>
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>True for the generated demo project, so the UI can badge it.</summary>
    public bool IsDemo { get; set; }
    /// <summary>The project's signal thresholds as JSON; null means the defaults of ARCHITECTURE.md.</summary>
    public string? SignalSettingsJson { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One deployed version of the whole pipeline (model, prompt, tools, data sources): the unit that is evaluated.</summary>
public class PipelineVersion
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string Version { get; set; }
    public DateTime DeployedAt { get; set; }
    public string? Model { get; set; }
    public string? Prompt { get; set; }
    public string? Tools { get; set; }
    public string? DataSources { get; set; }
    public string? Notes { get; set; }
}
