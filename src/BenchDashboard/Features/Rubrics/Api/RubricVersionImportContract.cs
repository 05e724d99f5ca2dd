namespace BenchDashboard.Features.Rubrics.Api;

// The wire shape of the import, for the OpenAPI document only; the body is read and checked by RubricVersionRequest.

/// <summary>A rubric version to import: number 1 or more, 1 to 100 items, notes up to 2,000 characters.</summary>
public sealed class RubricVersionImportContract
{
    public required int Number { get; init; }
    public string? Notes { get; init; }
    public required List<RubricItemImportContract> Items { get; init; }
}
