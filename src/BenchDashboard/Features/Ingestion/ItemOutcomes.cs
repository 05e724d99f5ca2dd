using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchDashboard.Domain;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// A bench result's per-rubric-item outcomes (API.md, Ingestion: <c>"items": {"&lt;itemKey&gt;": true|false}</c>), kept
/// in one canonical order (item keys in ordinal order), so the same map sent with its keys in another order is the same
/// result: the same stored JSON (<see cref="BenchResult.ItemOutcomesJson"/>) and the same content hash. An empty map is
/// no map: it says nothing about any item.
/// </summary>
public sealed class ItemOutcomes
{
    /// <summary>Items one result may report: a rubric version holds at most as many.</summary>
    public const int MaxItems = 100;

    private ItemOutcomes(IReadOnlyList<KeyValuePair<string, bool>> outcomes) => Outcomes = outcomes;

    /// <summary>Item key to passed, keys in ordinal order.</summary>
    public IReadOnlyList<KeyValuePair<string, bool>> Outcomes { get; }

    /// <summary>The stored form: a compact JSON object, keys in ordinal order.</summary>
    public string Json
    {
        get
        {
            var buffer = new ArrayBufferWriter<byte>(64);
            using (var json = new Utf8JsonWriter(buffer)) WriteTo(json);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    /// <summary>Writes the map as one JSON object (the stored form, and the form the content hash reads).</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        foreach (var (key, passed) in Outcomes) json.WriteBoolean(key, passed);
        json.WriteEndObject();
    }

    /// <summary>
    /// Reads the optional <paramref name="field"/> of a result: an object of item keys to true or false. Every problem is
    /// recorded under the result's location. False when the field is there and invalid; <paramref name="items"/> is null
    /// when it is absent, empty or invalid.
    /// </summary>
    public static bool TryParse(FieldReader f, out ItemOutcomes? items, string field = "items")
    {
        items = null;
        if (!f.HasField(field)) return true;
        if (!f.TryGetObject(field, out var map)) return false;
        var outcomes = new List<KeyValuePair<string, bool>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        var count = 0;
        foreach (var property in map.EnumerateObject())
        {
            if (++count > MaxItems) continue;
            var key = property.Name;
            if (KeyProblem(key) is { } problem)
            {
                f.Error(field, problem);
                valid = false;
                continue;
            }
            if (!seen.Add(key))
            {
                f.Error(field, $"the item '{ErrorEcho.Quote(key)}' appears more than once");
                valid = false;
                continue;
            }
            if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                f.Error(field, $"'{ErrorEcho.Quote(key)}' must be true or false, got {FieldReader.Describe(property.Value.ValueKind)}");
                valid = false;
                continue;
            }
            outcomes.Add(new(key, property.Value.GetBoolean()));
        }
        if (count > MaxItems)
        {
            f.Error(field, $"holds {count:N0} items; a result reports at most {MaxItems} (a rubric version has at most {MaxItems} items)");
            return false;
        }
        if (!valid) return false;
        items = From(outcomes);
        return true;
    }

    /// <summary>
    /// Reads the stored form back (<see cref="BenchResult.ItemOutcomesJson"/>), the one reader every statistic uses.
    /// Anything else (no outcomes, broken JSON, a value that is not a boolean) yields nothing for that entry: a statistic
    /// counts only outcomes the runner really reported.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, bool>> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        var outcomes = new List<KeyValuePair<string, bool>>();
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return [];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.True: outcomes.Add(new(key, true)); break;
                    case JsonTokenType.False: outcomes.Add(new(key, false)); break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (JsonException)
        {
            return [];
        }
        return outcomes;
    }

    /// <summary>The map of already checked outcomes (keys unique and valid); null when there are none.</summary>
    public static ItemOutcomes? From(IEnumerable<KeyValuePair<string, bool>> outcomes)
    {
        var sorted = outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? null : new ItemOutcomes(sorted);
    }

    /// <summary>Why <paramref name="key"/> cannot be an item key, or null: the rules of a rubric item's key.</summary>
    public static string? KeyProblem(string key)
    {
        if (string.IsNullOrWhiteSpace(key)) return "an item key must not be empty";
        if (key.Length > RubricItem.MaxKeyLength)
        {
            return $"the item key '{ErrorEcho.Quote(key)}' is {key.Length:N0} characters long; the limit is {RubricItem.MaxKeyLength}";
        }
        if (key.Any(char.IsControl)) return $"the item key '{ErrorEcho.Quote(key)}' contains a control character";
        return null;
    }
}
