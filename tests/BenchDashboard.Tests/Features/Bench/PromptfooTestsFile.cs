using System.Text;
using YamlDotNet.RepresentationModel;

namespace BenchDashboard.Tests.Features.Bench;

/// <summary>One test of an exported promptfoo tests file, as a YAML reader sees it.</summary>
public sealed record PromptfooTest(string? Description, string? Input, string? CaseId, string? Category, string? Source,
    string? AssertType, string? AssertValue, YamlMappingNode Node);

/// <summary>Reads an exported tests file with YamlDotNet (a reader independent of the writer), test by test.</summary>
public static class PromptfooTestsFile
{
    public static List<PromptfooTest> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var documents = Assert.Single(stream.Documents);
        var list = Assert.IsType<YamlSequenceNode>(documents.RootNode);
        return list.Children.Select(node =>
        {
            var test = Assert.IsType<YamlMappingNode>(node);
            var vars = (YamlMappingNode)test["vars"];
            var metadata = (YamlMappingNode)test["metadata"];
            var assert = test.Children.TryGetValue(new YamlScalarNode("assert"), out var a) ? (YamlMappingNode)((YamlSequenceNode)a).Children.Single() : null;
            return new PromptfooTest(Scalar(test["description"]), Scalar(vars["input"]), Scalar(metadata["caseId"]), Scalar(metadata["category"]),
                Scalar(metadata["source"]), assert is null ? null : Scalar(assert["type"]), assert is null ? null : Scalar(assert["value"]), test);
        }).ToList();
    }

    /// <summary>A scalar's text; a plain <c>null</c> (not the quoted string "null") is null.</summary>
    public static string? Scalar(YamlNode node)
    {
        var scalar = Assert.IsType<YamlScalarNode>(node);
        return scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "null" or "~" or "" ? null : scalar.Value;
    }

    /// <summary>
    /// What promptfoo's Nunjucks renders a var or an assertion value to, for the two shapes the export writes: plain text
    /// without tag openers (itself) or one single-line string literal <c>{{ "…" }}</c> that holds no other tag opener,
    /// unescaped the way Nunjucks' lexer does (<c>\n</c>, <c>\t</c>, <c>\r</c>; any other escaped character is itself).
    /// </summary>
    public static string RenderedByNunjucks(string value)
    {
        if (!value.StartsWith("{{ \"", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("{{", value);
            Assert.DoesNotContain("{%", value);
            Assert.DoesNotContain("{#", value);
            return value;
        }
        Assert.EndsWith("\" }}", value);
        var body = value[4..^4];
        foreach (var opener in new[] { "{{", "{%", "{#", "\n" }) Assert.DoesNotContain(opener, body);
        var text = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\')
            {
                i++;
                text.Append(body[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var c => c });
            }
            else
            {
                Assert.NotEqual('"', body[i]);
                text.Append(body[i]);
            }
        }
        return text.ToString();
    }
}
