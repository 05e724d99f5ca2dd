namespace BenchDashboard.Domain;

/// <summary>
/// One criterion of a rubric version, known by the key bench results use for their per-item outcomes
/// (<see cref="BenchResult.ItemOutcomesJson"/>). Stored in <c>RubricVersionItems</c>: an older retired table was called
/// RubricItems and may still exist in old databases.
/// </summary>
public class RubricItem
{
    public const int MaxKeyLength = 100, MaxDescriptionLength = 2000;

    public int Id { get; set; }
    public int RubricVersionId { get; set; }
    public required string Key { get; set; }
    public required string Description { get; set; }
    public double Weight { get; set; } = 1;
    /// <summary>0-based place in the rubric.</summary>
    public int Position { get; set; }
}
