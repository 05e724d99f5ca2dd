using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace BenchDashboard.Infrastructure.Api;

/// <summary>
/// Reads the typed fields of one JSON object and records every problem under the object's location, so a request
/// is checked whole and each bad field is named. Unknown fields are ignored (API.md: clients may send more).
/// </summary>
public sealed partial class FieldReader(JsonElement item, string location, ValidationErrors errors)
{
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
        if (Dates.TryParse(text, DateTime.UtcNow, out var date, out var problem)) return date;
        Error(field, problem);
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
        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(field, $"must be a number, got {Describe(value.ValueKind)}");
            return null;
        }
        if (!TryGetFinite(field, value, out var number)) return null;
        if (number < min || number > max)
        {
            Error(field, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {number.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return number;
    }

    /// <summary>
    /// A number the row does not use (the value of a thumbs-up): ignored, unless no number can hold it (<c>1e309</c>).
    /// Such a value used to be stored as NULL without a word; refusing it tells the client its producer is broken.
    /// </summary>
    public void UnusedNumber(string field)
    {
        if (TryGet(field, required: false, out var value) && value.ValueKind == JsonValueKind.Number) TryGetFinite(field, value, out _);
    }

    /// <summary>System.Text.Json reads a number beyond ±1.8e308 as no double at all; the error quotes it short.</summary>
    private bool TryGetFinite(string field, JsonElement value, out double number)
    {
        if (value.TryGetDouble(out number) && double.IsFinite(number)) return true;
        Error(field, $"{ErrorEcho.Quote(value.GetRawText())} is beyond the range of a number (about ±1.8e308)");
        return false;
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

    /// <summary>Whether the object has <paramref name="field"/> with a value other than null.</summary>
    public bool HasField(string field) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>An optional nested object, for maps a caller reads itself; anything but an object (or null) is recorded.</summary>
    public bool TryGetObject(string field, out JsonElement obj)
    {
        obj = default;
        if (!TryGet(field, required: false, out var value)) return false;
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(field, $"must be a JSON object, got {Describe(value.ValueKind)}");
            return false;
        }
        obj = value;
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

    // Vectorised searches: input and output may be 64 KiB each, and every row is checked.
    private static readonly SearchValues<char> AnyControl = SearchValues.Create(ControlCharacters(allowLineBreaks: false));
    private static readonly SearchValues<char> ControlExceptLineBreaks = SearchValues.Create(ControlCharacters(allowLineBreaks: true));

    private static string ControlCharacters(bool allowLineBreaks) =>
        new(Enumerable.Range(0, 0x20).Select(c => (char)c).Where(c => !allowLineBreaks || c is not ('\n' or '\r' or '\t')).Append((char)0x7F).ToArray());

    private static int IndexOfForbiddenControl(string text, bool multiline) =>
        text.AsSpan().IndexOfAny(multiline ? ControlExceptLineBreaks : AnyControl);

    /// <summary>For free text typed in the UI: null when fine, else a sentence naming the control character.</summary>
    public static string? ControlCharacterProblem(string? text) =>
        text is not null && IndexOfForbiddenControl(text, multiline: true) is var at and >= 0
            ? $"The text contains the control character U+{(int)text[at]:X4} at position {at + 1}."
            : null;

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
