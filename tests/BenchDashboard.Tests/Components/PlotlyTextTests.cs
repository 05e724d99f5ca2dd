using BenchDashboard.Components.Shared.Charts;

namespace BenchDashboard.Tests.Components;

public class PlotlyTextTests
{
    [Theory]
    [InlineData("<a href=\"https://evil.example\">click</a>", "&#60;a href=&#34;https://evil.example&#34;&#62;click&#60;/a&#62;")]
    [InlineData("v1<br>v2 & <b>bold</b>", "v1&#60;br&#62;v2 &#38; &#60;b&#62;bold&#60;/b&#62;")]
    [InlineData("it's 95 %", "it&#39;s 95 &#37;")]
    [InlineData("%{x} in a hover template", "&#37;{x} in a hover template")]
    [InlineData("plain v2.1 · 🚀", "plain v2.1 · 🚀")]
    [InlineData("", "")]
    public void User_text_reaches_Plotly_with_no_tag_entity_or_template_variable_left(string text, string encoded)
    {
        Assert.Equal(encoded, PlotlyText.Encode(text));
    }

    [Fact]
    public void Null_is_empty_text() => Assert.Equal("", PlotlyText.Encode(null));
}
