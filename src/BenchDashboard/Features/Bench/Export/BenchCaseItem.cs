using System.Text.Json;

namespace BenchDashboard.Features.Bench.Export;

/// <summary>
/// One bench case as API.md's <c>bench-cases</c> list names its fields; also each line of the JSONL export. Status and
/// source are the API's words (<see cref="BenchCaseWords"/>); provenance is the trace snapshot a gap case keeps, or null.
/// </summary>
public sealed record BenchCaseItem(
    string CaseId, string? Category, string Status, string Source, string? Input, string? ExpectedBehaviour,
    DateTime FirstSeenAt, DateTime? RetiredAt, JsonElement? Provenance);
