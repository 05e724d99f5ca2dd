using System.Globalization;

namespace BenchDashboard.Infrastructure.Api;

/// <summary>
/// The one owner of how much of a client's input an error answer repeats (issue 12, finding 15: a 400 listing 100,000
/// providers was 1.2 MB). A quoted value is cut to <see cref="MaxQuoted"/> characters, a list of values to its first
/// <see cref="MaxNamed"/> and a count of the rest, and every message to <see cref="MaxMessage"/> characters whatever
/// it quotes (<see cref="ValidationErrors"/> applies that last bound to every message it keeps), so an error answer
/// stays a few kilobytes however hostile the request.
/// </summary>
public static class ErrorEcho
{
    /// <summary>Enough to recognise a value; a huge bad value must not flood the answer.</summary>
    public const int MaxQuoted = 40;

    /// <summary>Values of a list (providers, metrics) named in one message.</summary>
    public const int MaxNamed = 10;

    /// <summary>Characters of each value of such a list: they are the choices offered, so they are kept whole unless absurd.</summary>
    public const int MaxListedValue = 100;

    /// <summary>Characters of one message, location included.</summary>
    public const int MaxMessage = 400;

    /// <summary>A value quoted in an error message: its first <see cref="MaxQuoted"/> characters.</summary>
    public static string Quote(string text) => Cut(text, MaxQuoted);

    /// <summary>The first <see cref="MaxNamed"/> values, each cut to <see cref="MaxListedValue"/>, and how many more there are.</summary>
    public static string List(IReadOnlyCollection<string> values)
    {
        var named = string.Join(", ", values.Take(MaxNamed).Select(v => Cut(v, MaxListedValue)));
        return values.Count <= MaxNamed ? named : $"{named} and {(values.Count - MaxNamed).ToString("N0", CultureInfo.InvariantCulture)} more";
    }

    /// <summary>A whole message cut to <see cref="MaxMessage"/> characters.</summary>
    public static string Message(string text) => Cut(text, MaxMessage);

    // A surrogate pair is never split, so the cut text is still valid Unicode.
    private static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end] + "…";
    }
}
