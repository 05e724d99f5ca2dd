using System.Text.Json;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics.Export;

/// <summary>A rubric version as JSON for the bench runner: <c>{number, status, approvedBy, approvedAt, notes, items:
/// [{key, description, weight}]}</c>, the fields and words of API.md's rubric-versions list.</summary>
public static class RubricJsonWriter
{
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Write(RubricVersion version) => JsonSerializer.Serialize(new
    {
        number = version.Number,
        status = version.Status.ToString().ToLowerInvariant(),
        approvedBy = version.ApprovedBy,
        approvedAt = version.ApprovedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : (DateTime?)null,
        notes = version.Notes,
        items = version.Items.OrderBy(i => i.Position).Select(i => new { key = i.Key, description = i.Description, weight = i.Weight }),
    }, Options) + "\n";
}
