namespace BenchDashboard.Features.Rubrics;

/// <summary>An item present in both versions of a diff, as it was and as it is.</summary>
public sealed record RubricItemChange(RubricItemView Before, RubricItemView After)
{
    public string Key => After.Key;
}
