using System.Globalization;
using System.Text.RegularExpressions;

namespace BenchDashboard.Tests.Components;

/// <summary>WCAG 2 contrast ratio of two opaque CSS colours (<c>#rrggbb</c> or <c>rgb(r, g, b)</c> as browsers compute them).</summary>
internal static partial class WcagContrast
{
    public static double Ratio(string foreground, string background)
    {
        var (a, b) = (Luminance(foreground), Luminance(background));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance(string color)
    {
        var (r, g, b) = Channels(color);
        return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
    }

    private static double Linear(int channel)
    {
        var c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static (int R, int G, int B) Channels(string color)
    {
        if (color.StartsWith('#') && color.Length == 7)
        {
            return (Hex(color, 1), Hex(color, 3), Hex(color, 5));
        }
        var match = RgbPattern().Match(color);
        if (!match.Success) throw new FormatException($"Not an opaque colour: {color}");
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    private static int Hex(string color, int start) => int.Parse(color.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*1)?\)$")]
    private static partial Regex RgbPattern();
}
