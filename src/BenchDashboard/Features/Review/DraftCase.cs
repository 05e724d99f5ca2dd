using System.Text.Json;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Review;

/// <summary>The trace as it was when a gap was labelled: traces may be deleted later, the bench case keeps this.</summary>
public sealed record TraceSnapshot(string TraceId, DateTime Timestamp, string? Version, string Input, string? Output, string? Category,
    string? MetadataJson);

/// <summary>
/// The bench case a gap proposes, prefilled from the trace and edited by the reviewer; a lead accepts it into the
/// bench or rejects it when closing the round. Stored as JSON on the label.
/// </summary>
public sealed record DraftCase(string Input, string ExpectedBehaviour, string? Category, TraceSnapshot Provenance)
{
    public const int MaxInputLength = 65_536, MaxExpectedLength = 4_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DraftCase FromTrace(TraceSnapshot trace) => new(trace.Input, "", trace.Category, trace);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The active bench case a lead's acceptance makes of this draft, keeping the trace snapshot as provenance.
    /// It exists from <paramref name="acceptedAt"/> in data time too: runs and signals before then never saw it.</summary>
    public BenchCase ToBenchCase(int projectId, string externalId, DateTime acceptedAt) => new()
    {
        ProjectId = projectId, ExternalId = externalId, Input = Input,
        ExpectedBehaviour = string.IsNullOrWhiteSpace(ExpectedBehaviour) ? null : ExpectedBehaviour,
        Category = Category, Status = BenchCaseStatus.Active, Source = BenchCaseSource.ProductionGap,
        ProvenanceTraceJson = JsonSerializer.Serialize(Provenance, Json),
        CreatedAt = acceptedAt, FirstSeenAt = acceptedAt,
    };

    /// <summary>The stored draft, or null when the JSON is not a draft (older or hand-edited rows).</summary>
    public static DraftCase? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<DraftCase>(json, Json) is { Input: not null, Provenance: not null } draft ? draft : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
