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
    /// <summary>Where alerts are posted when a signal starts or escalates; null for none.</summary>
    public string? WebhookUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// Raised in the same transaction by every write of data the signals read (see <c>DataVersionInterceptor</c>), so
    /// computed signals can be reused until it moves. Only the database changes it; EF never writes it.
    /// </summary>
    public long DataVersion { get; set; }
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

/// <summary>The last known state of one signal of a project, so alerting can tell "started" and "escalated" from "still on".</summary>
public class SignalState
{
    public int ProjectId { get; set; }
    public required string Kind { get; set; }
    /// <summary>The signal's metric, or "" when it has none (part of the key).</summary>
    public required string Metric { get; set; }
    public required string Severity { get; set; }
    public DateOnly Since { get; set; }
    public bool Active { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}

public enum WebhookStatus { Pending, Delivered, Failed }

/// <summary>One alert to post to a project's webhook: an outbox row, retried with backoff until delivered or given up.</summary>
public class WebhookDelivery
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public required string Event { get; set; }
    public required string Url { get; set; }
    public required string PayloadJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public WebhookStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}
