using System.Text;
using BenchDashboard.Features.Bench.Export;
using YamlDotNet.RepresentationModel;

namespace BenchDashboard.Tests.Features.Bench;

public sealed class YamlTextTests
{
    private static string ReadBack(string quoted)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("value: " + quoted + "\n"));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        return ((YamlScalarNode)root["value"]).Value!;
    }

    [Fact]
    public void Every_character_of_the_basic_plane_and_an_emoji_read_back_unchanged_from_one_quoted_line()
    {
        var all = new StringBuilder();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (!char.IsSurrogate((char)c)) all.Append((char)c);
        }
        all.Append("🚀👩‍👩‍👧");
        var text = all.ToString();
        var quoted = YamlText.Quote(text);
        Assert.DoesNotContain('\n', quoted);
        Assert.DoesNotContain('\r', quoted);
        Assert.Equal(text, ReadBack(quoted));
    }

    [Theory]
    [InlineData("key: value # comment")]
    [InlineData("- item")]
    [InlineData("\"\\")]
    [InlineData("null")]
    [InlineData("")]
    public void Yaml_syntax_inside_the_text_stays_one_string(string text)
    {
        Assert.Equal(text, ReadBack(YamlText.Quote(text)));
    }

    [Fact]
    public void Half_a_surrogate_pair_becomes_the_replacement_character_as_any_UTF8_encoder_makes_it()
    {
        Assert.Equal("a\uFFFDb", ReadBack(YamlText.Quote("a\uD800b")));
    }
}
