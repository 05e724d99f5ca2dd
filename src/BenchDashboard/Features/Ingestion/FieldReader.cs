using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Ingestion;

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

/// <summary>Calendar dates as the API writes them, exactly <c>YYYY-MM-DD</c>, within <see cref="AcceptedDates"/>.</summary>
public static class Dates
{
    public static bool TryParse(string text, DateTime nowUtc, out DateOnly date, out string problem)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = $"'{ErrorEcho.Quote(text)}' is not a date in the form YYYY-MM-DD";
            return false;
        }
        problem = AcceptedDates.Problem(date, nowUtc) ?? "";
        return problem.Length == 0;
    }
}

/// <summary>ISO 8601 times with an explicit zone, as the API demands.</summary>
public static partial class Timestamps
{
    // [0-9], not \d: \d also matches other scripts' digits, which no producer means in a timestamp.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})$")]
    private static partial Regex ZonedIso8601();

    /// <summary>Times from before 2000 or more than 24 hours ahead are refused (<see cref="AcceptedDates"/> says why).</summary>
    public static bool TryParse(string text, out DateTime utc, out string problem)
    {
        if (!TryParseAnyTime(text, out utc, out problem)) return false;
        if (utc > AcceptedDates.LatestTime(DateTime.UtcNow))
        {
            problem = $"'{ErrorEcho.Quote(text)}' is more than 24 hours in the future";
            return false;
        }
        return true;
    }

    private static bool TryParseAnyTime(string text, out DateTime utc, out string problem)
    {
        problem = "";
        if (TryParseUtcFast(text, out utc)) return true;
        if (!ZonedIso8601().IsMatch(text))
        {
            problem = ZonedIso8601().IsMatch(text + "Z")
                ? $"'{ErrorEcho.Quote(text)}' has no time zone; add Z for UTC or an offset such as +02:00"
                : $"'{ErrorEcho.Quote(text)}' is not an ISO 8601 time such as 2026-03-01T12:00:00Z";
            return false;
        }
        // Fractions beyond 7 digits exceed .NET's tick precision; drop them rather than refuse the time.
        var normalised = Regex.Replace(text, @"(\.[0-9]{7})[0-9]+", "$1");
        if (!DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            problem = $"'{ErrorEcho.Quote(text)}' is not a valid date";
            return false;
        }
        utc = parsed.UtcDateTime;
        if (utc < AcceptedDates.EarliestTime)
        {
            problem = $"'{ErrorEcho.Quote(text)}' is before the year 2000";
            return false;
        }
        return true;
    }

    /// <summary>
    /// The shape nearly every producer sends, <c>2026-03-01T12:00:00Z</c> with an optional fraction, read without
    /// regular expressions or culture-aware parsing: it runs for every event of a million-event import. Anything else
    /// (offsets, odd fractions, invalid dates) falls through to the general path, which also explains errors.
    /// </summary>
    private static bool TryParseUtcFast(string text, out DateTime utc)
    {
        utc = default;
        var s = text.AsSpan();
        if (s.Length < 20 || s[^1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        long fractionTicks = 0;
        if (s.Length > 20)
        {
            if (s[19] != '.' || s.Length - 21 is < 1 or > 7) return false;
            var digits = s.Length - 21;
            if (!Digits(s, 20, digits, out var fraction)) return false;
            fractionTicks = fraction;
            for (var i = digits; i < 7; i++) fractionTicks *= 10;
        }
        else if (s[19] != 'Z') return false;
        if (year < 2000 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fractionTicks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>
    /// SQLite's text form of a UTC time, <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> exactly as EF Core and Microsoft.Data.Sqlite
    /// write it (trailing zeros of the fraction dropped, and the dot when nothing is left). Written by hand because a
    /// custom format string costs more than the insert it feeds.
    /// </summary>
    public static string ToStorage(DateTime utc) => string.Create(27, utc, static (buffer, t) =>
    {
        Write(buffer, 0, t.Year, 4);
        buffer[4] = '-';
        Write(buffer, 5, t.Month, 2);
        buffer[7] = '-';
        Write(buffer, 8, t.Day, 2);
        buffer[10] = ' ';
        Write(buffer, 11, t.Hour, 2);
        buffer[13] = ':';
        Write(buffer, 14, t.Minute, 2);
        buffer[16] = ':';
        Write(buffer, 17, t.Second, 2);
        buffer[19] = '.';
        Write(buffer, 20, (int)(t.Ticks % TimeSpan.TicksPerSecond), 7);
    }).TrimEnd('0').TrimEnd('.');

    private static void Write(Span<char> buffer, int start, int value, int digits)
    {
        for (var i = start + digits - 1; i >= start; i--)
        {
            buffer[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
