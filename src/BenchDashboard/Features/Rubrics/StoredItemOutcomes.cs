using System.Text;
using System.Text.Json;

namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// Reads <see cref="Domain.BenchResult.ItemOutcomesJson"/>: a JSON object of rubric item key to pass (true) or fail
/// (false). Anything else (no outcomes, broken JSON, a value that is not a boolean) yields nothing for that entry: a
/// statistic counts only outcomes the runner really reported.
/// </summary>
public static class StoredItemOutcomes
{
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
}
