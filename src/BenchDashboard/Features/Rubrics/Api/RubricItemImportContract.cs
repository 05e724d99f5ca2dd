namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>An item to import: key unique within the version (up to 100 characters), description up to 2,000, weight above 0 and at most 1,000 (default 1).</summary>
public sealed class RubricItemImportContract
{
    public required string Key { get; init; }
    public required string Description { get; init; }
    public double? Weight { get; init; }
}
