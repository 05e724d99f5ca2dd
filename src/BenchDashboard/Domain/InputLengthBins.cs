namespace BenchDashboard.Domain;

/// <summary>
/// The bins of <see cref="DailyInputLength"/>: the one owner of the layout, which the migration's backfill
/// (20261205030000_InputLengths.sql) repeats in SQL with the same integer steps.
/// <para>
/// Why this layout: input drift compares length distributions by effect size (Kolmogorov–Smirnov D, alerting at 0.2
/// and 0.35; the Wasserstein distance and the medians, in characters). Lengths run from a few characters to 64 KiB,
/// so bins are log-spaced: one character wide up to 32 characters (exact where a single character is a large
/// relative change), then each bin 1/32 of its start wide (about 3 %). That keeps a length to within ±1.6 % and a
/// day-and-category of chat traffic in 50–100 bins, while D computed from the bins is off by at most the share of
/// traffic in one bin (a few percent of one window's traces at worst; typically well under 1 %).
/// Integer steps (<c>next = start + max(1, start / 32)</c>) rather than logarithms, so SQL and C# place every length in
/// the same bin with no floating-point edge cases.
/// </para>
/// </summary>
public static class InputLengthBins
{
    /// <summary>Bin starts in order; the first bin [0, 1) holds empty inputs. Covers every int length.</summary>
    private static readonly int[] Starts = BuildStarts();

    public static int Count => Starts.Length;

    /// <summary>The start of the next bin after <paramref name="start"/> (the end of its bin, exclusive).</summary>
    public static long Next(long start) => start + Math.Max(1, start / 32);

    /// <summary>Where the bin holding <paramref name="length"/> starts.</summary>
    public static int StartOf(int length) => Starts[IndexOf(length)];

    /// <summary>The position of the bin holding <paramref name="length"/> in bin order (0 for empty inputs).</summary>
    public static int IndexOf(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var found = Array.BinarySearch(Starts, length);
        return found >= 0 ? found : ~found - 1;
    }

    public static int StartAt(int index) => Starts[index];

    /// <summary>
    /// The length SQLite's <c>length()</c> gives a text, which the migration's backfill and the bench cases use:
    /// Unicode characters (a surrogate pair counts once) up to the first NUL.
    /// </summary>
    public static int LengthOf(string text)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') break;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            length++;
        }
        return length;
    }

    private static int[] BuildStarts()
    {
        var starts = new List<int>();
        for (long start = 0; start <= int.MaxValue; start = Next(start)) starts.Add((int)start);
        return starts.ToArray();
    }
}
