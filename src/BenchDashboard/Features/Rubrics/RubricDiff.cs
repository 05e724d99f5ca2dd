namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// What changed from one rubric version to another, item by item (items are known by their key): added, removed,
/// reworded (new description) and reweighted (new weight). An item can be both reworded and reweighted.
/// </summary>
public sealed record RubricDiff(int From, int To, IReadOnlyList<RubricItemView> Added, IReadOnlyList<RubricItemView> Removed,
    IReadOnlyList<RubricItemChange> Reworded, IReadOnlyList<RubricItemChange> Reweighted)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Reworded.Count == 0 && Reweighted.Count == 0;

    public static RubricDiff Between(RubricVersionView from, RubricVersionView to)
    {
        var before = from.Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var after = to.Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var kept = to.Items.Where(i => before.ContainsKey(i.Key)).Select(i => new RubricItemChange(before[i.Key], i)).ToList();
        return new RubricDiff(from.Number, to.Number,
            to.Items.Where(i => !before.ContainsKey(i.Key)).ToList(),
            from.Items.Where(i => !after.ContainsKey(i.Key)).ToList(),
            kept.Where(c => !string.Equals(c.Before.Description, c.After.Description, StringComparison.Ordinal)).ToList(),
            kept.Where(c => c.Before.Weight != c.After.Weight).ToList());
    }
}
