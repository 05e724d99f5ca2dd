using System.Text;

namespace BenchDashboard.Components.Shared.Charts;

/// <summary>
/// The one place text enters a Plotly figure. Plotly draws strings as its own pseudo-HTML (<c>&lt;a href&gt;</c>,
/// <c>&lt;b&gt;</c>, <c>&lt;br&gt;</c>, <c>&lt;span style&gt;</c>), so text from users (version labels, categories,
/// notes) would become links or markup. Plotly splits a string at tags first and decodes entities inside the text
/// between them afterwards, so numeric character references come out as the literal characters.
/// </summary>
public static class PlotlyText
{
    /// <summary>Encodes <paramref name="text"/> to show literally in any Plotly text: names, labels, ticks, hover text and
    /// hover templates (<c>%</c> is encoded too, so <c>%{…}</c> in user text is never a template variable).</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            // Numeric references only: Plotly knows few named entities (no &quot;), but decodes every &#N;.
            encoded.Append(c switch
            {
                '&' => "&#38;",
                '<' => "&#60;",
                '>' => "&#62;",
                '"' => "&#34;",
                '\'' => "&#39;",
                '%' => "&#37;",
                _ => c.ToString(),
            });
        }
        return encoded.ToString();
    }
}
