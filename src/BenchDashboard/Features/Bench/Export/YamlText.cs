using System.Text;

namespace BenchDashboard.Features.Bench.Export;

/// <summary>
/// Writes any text as a YAML double-quoted scalar, so nothing in it can end the string, start a comment, a mapping, a
/// list item or a tag (<c>:</c>, <c>#</c>, <c>- </c>, <c>!</c>, <c>&amp;</c>, <c>*</c> are all plain characters inside
/// double quotes), and nothing changes when it is read back: line breaks (also U+0085, U+2028, U+2029, which YAML
/// would fold), tabs, control characters and the byte-order mark are escaped; every other character, emoji included,
/// is written as itself. Escapes are the YAML 1.2 ones js-yaml (promptfoo) and YamlDotNet both read.
/// </summary>
public static class YamlText
{
    public static string Quote(string? text)
    {
        if (text is null) return "null";
        var yaml = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': yaml.Append(@"\\"); break;
                case '"': yaml.Append("\\\""); break;
                case '\n': yaml.Append(@"\n"); break;
                case '\r': yaml.Append(@"\r"); break;
                case '\t': yaml.Append(@"\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        yaml.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // Half a pair cannot be written as UTF-8 at all; the replacement character is what any encoder makes of it.
                        yaml.Append(@"\uFFFD");
                    }
                    else if (NeedsEscape(c))
                    {
                        yaml.Append(@"\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        yaml.Append(c);
                    }
                    break;
            }
        }
        return yaml.Append('"').ToString();
    }

    /// <summary>Outside YAML's printable set, or a line break or BOM that a reader would fold or drop.</summary>
    private static bool NeedsEscape(char c) =>
        c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF';
}
