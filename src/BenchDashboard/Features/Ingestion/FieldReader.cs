using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// Reads the typed fields of one JSON object and records every problem under the object's location, so a request
/// is checked whole and each bad field is named. Unknown fields are ignored (API.md: clients may send more).
/// </summary>
public sealed partial class FieldReader(JsonElement item, string location, ValidationErrors errors)
{
    public string Location => location;

    public bool IsObject => item.ValueKind == JsonValueKind.Object;

    /// <summary>Records that the item is not a JSON object; call first and skip the item when it returns false.</summary>
    public bool RequireObject()
    {
        if (IsObject) return true;
        errors.Add(location, $"expected a JSON object, got {Describe(item.ValueKind)}");
        return false;
    }

    public void Error(string field, string message) => errors.Add(location, $"{field}: {message}");

    /// <summary>An identifier or label: one line, no control characters, trimmed of nothing (ids are compared exactly).</summary>
    public string? Id(string field, bool required, int maxLength = TextLimits.Id) =>
        String(field, required, maxLength, multiline: false);

    /// <summary>Free text such as a trace's input or output: newlines and tabs allowed, other control characters not.</summary>
    public string? Text(string field, bool required, int maxLength = TextLimits.Text) =>
        String(field, required, maxLength, multiline: true);

    private string? String(string field, bool required, int maxLength, bool multiline)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(field, $"must be a string, got {Describe(value.ValueKind)}");
            return null;
        }
        if (!TryGetText(field, value, out var text)) return null;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            Error(field, "must not be empty");
            return null;
        }
        if (text.Length > maxLength)
        {
            Error(field, $"is {text.Length:N0} characters long; the limit is {maxLength:N0}");
            return null;
        }
        if (IndexOfForbiddenControl(text, multiline) is var at and >= 0)
        {
            Error(field, $"contains the control character U+{(int)text[at]:X4} at position {at + 1}");
            return null;
        }
        return text;
    }

    /// <summary>An ISO 8601 time with a zone (Z or ±hh:mm); converted to UTC. Times without a zone are ambiguous and refused.</summary>
    public DateTime? Timestamp(string field, bool required)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(field, $"must be an ISO 8601 string such as 2026-03-01T12:00:00Z, got {Describe(value.ValueKind)}");
            return null;
        }
        if (!TryGetText(field, value, out var text)) return null;
        if (Timestamps.TryParse(text, out var utc, out var problem)) return utc;
        Error(field, problem);
        return null;
    }

    /// <summary>A calendar date, exactly <c>YYYY-MM-DD</c>.</summary>
    public DateOnly? Date(string field, bool required)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(field, $"must be a date string in the form YYYY-MM-DD, got {Describe(value.ValueKind)}");
            return null;
        }
        if (!TryGetText(field, value, out var text)) return null;
        if (Dates.TryParse(text, out var date)) return date;
        Error(field, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not a date in the form YYYY-MM-DD");
        return null;
    }

    public bool? Bool(string field, bool required)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Error(field, $"must be true or false, got {Describe(value.ValueKind)}");
        return null;
    }

    public double? Number(string field, bool required, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Error(field, $"must be a number, got {Describe(value.ValueKind)}");
            return null;
        }
        if (number < min || number > max)
        {
            Error(field, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {number.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return number;
    }

    public int? Integer(string field, bool required, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!TryGet(field, required, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Error(field, $"must be a whole number, got {(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : Describe(value.ValueKind))}");
            return null;
        }
        if (number < min || number > max)
        {
            Error(field, $"must be between {min} and {max}, got {number}");
            return null;
        }
        return number;
    }

    /// <summary>A JSON object kept as its compact text (trace metadata), within a size limit.</summary>
    public string? ObjectJson(string field, int maxLength = TextLimits.Metadata)
    {
        if (!TryGet(field, required: false, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(field, $"must be a JSON object, got {Describe(value.ValueKind)}");
            return null;
        }
        string json;
        try
        {
            // Re-written compactly, so the same metadata sent with other whitespace is still the same trace.
            json = JsonSerializer.Serialize(value);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            Error(field, "is not valid Unicode text");
            return null;
        }
        if (json.Length > maxLength)
        {
            Error(field, $"is {json.Length:N0} characters of JSON; the limit is {maxLength:N0}");
            return null;
        }
        return json;
    }

    public bool TryGetArray(string field, out JsonElement array)
    {
        array = default;
        if (!TryGet(field, required: true, out var value)) return false;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(field, $"must be an array, got {Describe(value.ValueKind)}");
            return false;
        }
        array = value;
        return true;
    }

    /// <summary>A JSON string as .NET text; invalid UTF-8 or a lone surrogate escape ("\ud800") cannot become one.</summary>
    private bool TryGetText(string field, JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            Error(field, "is not valid Unicode text");
            text = "";
            return false;
        }
    }

    /// <summary>False when absent or null; an absent required field is recorded.</summary>
    private bool TryGet(string field, bool required, out JsonElement value)
    {
        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        value = default;
        if (required) Error(field, "is required");
        return false;
    }

    private static int IndexOfForbiddenControl(string text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c != 0x7F) continue;
            if (multiline && c is '\n' or '\r' or '\t') continue;
            return i;
        }
        return -1;
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}

/// <summary>Length limits of text fields, stated in the API documentation (README, "Limits").</summary>
public static class TextLimits
{
    /// <summary>Ids, versions, categories, labels.</summary>
    public const int Id = 256;
    public const int Category = 128;
    /// <summary>A trace's input and output, a bench case's input: 64 KiB of characters.</summary>
    public const int Text = 65_536;
    /// <summary>Trace metadata as compact JSON text.</summary>
    public const int Metadata = 16_384;
    /// <summary>Version descriptions (model, prompt, tools, data sources, notes).</summary>
    public const int Description = 4_000;
}

public static class Dates
{
    public static bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date.Year >= 2000;
}

/// <summary>ISO 8601 times with an explicit zone, as the API demands.</summary>
public static partial class Timestamps
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})$")]
    private static partial Regex ZonedIso8601();

    /// <summary>Years outside this range are typos or epoch mistakes, not production data.</summary>
    private static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static bool TryParse(string text, out DateTime utc, out string problem)
    {
        utc = default;
        if (!ZonedIso8601().IsMatch(text))
        {
            problem = ZonedIso8601().IsMatch(text + "Z")
                ? $"'{Shorten(text)}' has no time zone; add Z for UTC or an offset such as +02:00"
                : $"'{Shorten(text)}' is not an ISO 8601 time such as 2026-03-01T12:00:00Z";
            return false;
        }
        // Fractions beyond 7 digits exceed .NET's tick precision; drop them rather than refuse the time.
        var normalised = Regex.Replace(text, @"(\.\d{7})\d+", "$1");
        if (!DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            problem = $"'{Shorten(text)}' is not a valid date";
            return false;
        }
        utc = parsed.UtcDateTime;
        if (utc < Earliest)
        {
            problem = $"'{Shorten(text)}' is before the year 2000";
            return false;
        }
        problem = "";
        return true;
    }

    /// <summary>SQLite's text form of a UTC time, identical to what EF Core and Microsoft.Data.Sqlite write.</summary>
    public static string ToStorage(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
