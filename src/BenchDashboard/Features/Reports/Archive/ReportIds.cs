using System.Globalization;
using System.Security.Cryptography;

namespace BenchDashboard.Features.Reports.Archive;

/// <summary>
/// Report ids: <c>R</c>, the issue day, and six random characters from an alphabet without look-alikes
/// (<c>R20261206-7KQ2MX</c>). Short enough to read out on a call, unguessable enough that knowing one report's id tells
/// nothing about another's; the archive's unique index catches the one-in-a-billion repeat.
/// </summary>
public static class ReportIds
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string New(DateTime nowUtc)
    {
        Span<char> tail = stackalloc char[6];
        for (var i = 0; i < tail.Length; i++) tail[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return "R" + nowUtc.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + new string(tail);
    }

    /// <summary>Whether <paramref name="text"/> has the shape of an id (a cheap check before any lookup).</summary>
    public static bool LooksValid(string? text) =>
        text is { Length: Domain.IssuedReport.ReportIdLength } && text[0] == 'R' && text[9] == '-'
        && text.AsSpan(1, 8).IndexOfAnyExceptInRange('0', '9') < 0
        && text.AsSpan(10).IndexOfAnyExcept(Alphabet) < 0;
}
