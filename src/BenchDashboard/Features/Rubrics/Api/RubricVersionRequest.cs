using System.Globalization;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Rubrics.Api;

/// <summary>
/// The body of <c>POST …/rubric-versions</c> (API.md, Rubrics) after validation: the number, the notes (null when empty)
/// and the items in the rubric's order.
/// </summary>
public sealed record RubricVersionRequest(int Number, string? Notes, IReadOnlyList<RubricItemRequest> Items)
{
    /// <summary>Items of one version: the page shows them all, and a result reports at most as many outcomes.</summary>
    public const int MaxItems = 100;

    /// <summary>A weight is a relative importance; anything above this is a typo, not a rubric.</summary>
    public const double MaxWeight = 1000;

    /// <summary>Reads and checks the whole body; every bad field is recorded, items by their index. Null when anything is wrong.</summary>
    public static RubricVersionRequest? Parse(FieldReader f, ValidationErrors errors)
    {
        var number = f.Integer("number", required: true, min: 1);
        var notes = f.Text("notes", required: false, RubricVersion.MaxNotesLength);
        var items = new List<RubricItemRequest>();
        var valid = number is not null;
        if (f.TryGetArray("items", out var array))
        {
            var count = array.GetArrayLength();
            if (count == 0) f.Error("items", "must hold at least one item");
            else if (count > MaxItems) f.Error("items", $"holds {count:N0} items; a rubric version has at most {MaxItems}");
            else
            {
                var index = 0;
                foreach (var element in array.EnumerateArray())
                {
                    var item = ParseItem(new FieldReader(element, $"items[{index++}]", errors));
                    if (item is null) valid = false;
                    else items.Add(item);
                }
            }
        }
        foreach (var group in items.GroupBy(i => i.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add("items", $"the key '{ErrorEcho.Quote(group.Key)}' appears {group.Count()} times; each item of a version has its own key");
        }
        return valid && !errors.Any ? new RubricVersionRequest(number!.Value, string.IsNullOrWhiteSpace(notes) ? null : notes, items) : null;
    }

    private static RubricItemRequest? ParseItem(FieldReader f)
    {
        if (!f.RequireObject()) return null;
        var key = f.Id("key", required: true, RubricItem.MaxKeyLength);
        var description = f.Text("description", required: true, RubricItem.MaxDescriptionLength);
        var weight = f.Number("weight", required: false);
        if (weight is <= 0 or > MaxWeight)
        {
            f.Error("weight", $"must be greater than 0 and at most {MaxWeight.ToString("N0", CultureInfo.InvariantCulture)}, got {weight.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return key is null || description is null ? null : new RubricItemRequest(key, description, weight ?? 1);
    }

    /// <summary>Whether <paramref name="stored"/> holds exactly this content (notes, and the items in order), so a re-send is no change.</summary>
    public bool SameContentAs(RubricVersion stored)
    {
        var items = stored.Items.OrderBy(i => i.Position).ToList();
        return string.Equals(Notes, string.IsNullOrWhiteSpace(stored.Notes) ? null : stored.Notes, StringComparison.Ordinal)
               && items.Count == Items.Count
               && items.Zip(Items).All(p => p.First.Key == p.Second.Key && p.First.Description == p.Second.Description && p.First.Weight.Equals(p.Second.Weight));
    }

    /// <summary>What differs from <paramref name="stored"/>, in a few words, for the 409.</summary>
    public string DifferenceFrom(RubricVersion stored)
    {
        var items = stored.Items.OrderBy(i => i.Position).ToList();
        if (!string.Equals(Notes, string.IsNullOrWhiteSpace(stored.Notes) ? null : stored.Notes, StringComparison.Ordinal)) return "its notes differ";
        if (items.Count != Items.Count) return $"it has {items.Count} items, this request {Items.Count}";
        var at = items.Zip(Items).Select((p, i) => (p, i)).First(x => !(x.p.First.Key == x.p.Second.Key
            && x.p.First.Description == x.p.Second.Description && x.p.First.Weight.Equals(x.p.Second.Weight)));
        return at.p.First.Key != at.p.Second.Key
            ? $"item {at.i + 1} is '{ErrorEcho.Quote(at.p.First.Key)}' there, '{ErrorEcho.Quote(at.p.Second.Key)}' here"
            : $"the item '{ErrorEcho.Quote(at.p.First.Key)}' has another {(at.p.First.Description != at.p.Second.Description ? "description" : "weight")}";
    }
}
