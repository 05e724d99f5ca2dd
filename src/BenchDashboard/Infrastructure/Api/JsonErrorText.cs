using System.Text.Json;
using System.Text.RegularExpressions;

namespace BenchDashboard.Infrastructure.Api;

/// <summary>
/// Says in plain words why a line or body is not JSON. System.Text.Json's own messages name reader internals
/// ("'0x89' is an invalid start of a value", "Expected depth to be zero…"), which mean nothing to someone who just
/// chose the wrong file.
/// </summary>
public static partial class JsonErrorText
{
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        if (InvalidStart().Match(message) is { Success: true } start)
            return $"it does not start like JSON (found “{Printable(start.Groups[1].Value)}” where a value should begin); is this the right file?";
        if (message.Contains("maximal allowed depth", StringComparison.Ordinal) || message.Contains("depth of", StringComparison.Ordinal))
            return "it is nested too deeply";
        if (message.Contains("after a single JSON value", StringComparison.Ordinal) || message.Contains("is invalid after a value", StringComparison.Ordinal))
            return "there is more text after a complete value (a missing comma, or two objects on one line)";
        if (message.Contains("end of data", StringComparison.Ordinal) || message.Contains("Expected depth to be zero", StringComparison.Ordinal)
            || message.Contains("incomplete", StringComparison.OrdinalIgnoreCase))
            return "it ends before the JSON is complete (a missing bracket or quote, or a cut-off file)";
        if (message.Contains("start of a property name", StringComparison.Ordinal) || message.Contains("after a property name", StringComparison.Ordinal))
            return "a field name is missing its double quotes or a value is missing after it";
        if (message.Contains("invalid within a JSON string", StringComparison.Ordinal) || message.Contains("escap", StringComparison.OrdinalIgnoreCase))
            return "a text value holds a character JSON does not allow there (an unescaped quote, tab or line break)";
        return "the JSON is malformed";
    }

    /// <summary>The offending token, cut short; callers encode it wherever they show it.</summary>
    private static string Printable(string token) => token.Length > 8 ? token[..8] + "…" : token;

    [GeneratedRegex("^'(.+?)' is an invalid start of a value")]
    private static partial Regex InvalidStart();
}
