using BenchDashboard.Domain;
using BenchDashboard.Features.Rubrics.Export;
using BenchDashboard.Tests.Features.Bench;
using YamlDotNet.RepresentationModel;

namespace BenchDashboard.Tests.Features.Rubrics;

/// <summary>The promptfoo assertions export of a rubric version: one llm-rubric per item with the key as its metric, safe
/// for any wording a team writes.</summary>
public class PromptfooAssertionsWriterTests
{
    private static RubricVersion Version(params (string Key, string Description, double Weight)[] items) => new()
    {
        Number = 3, Status = RubricVersionStatus.Approved, ApprovedBy = "lead@x", ApprovedAt = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc),
        Items = items.Select((i, n) => new RubricItem { Key = i.Key, Description = i.Description, Weight = i.Weight, Position = n }).Reverse().ToList(),
    };

    private static List<YamlMappingNode> Assertions(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
        return Assert.IsType<YamlSequenceNode>(root["assert"]).Children.Cast<YamlMappingNode>().ToList();
    }

    [Fact]
    public void Every_item_is_an_llm_rubric_with_its_key_as_metric_and_its_weight_in_rubric_order()
    {
        var yaml = PromptfooAssertionsWriter.Write(Version(("cites-policy", "Cites the refund policy.", 2), ("tone", "Polite tone.", 0.5)), "support", DateTime.UtcNow);

        var assertions = Assertions(yaml);
        Assert.Equal(["cites-policy", "tone"], assertions.Select(a => PromptfooTestsFile.Scalar(a["metric"])));
        Assert.All(assertions, a => Assert.Equal("llm-rubric", PromptfooTestsFile.Scalar(a["type"])));
        Assert.Equal(["Cites the refund policy.", "Polite tone."], assertions.Select(a => PromptfooTestsFile.Scalar(a["value"])));
        Assert.Equal(["2", "0.5"], assertions.Select(a => PromptfooTestsFile.Scalar(a["weight"])));
        Assert.StartsWith("# promptfoo assertions for rubric v3 of project support", yaml);
    }

    [Fact]
    public void Hostile_wording_reads_back_as_itself_after_yaml_and_nunjucks_and_a_file_key_is_left_out()
    {
        var texts = HostileText.Texts.Where(t => t.Length > 0).ToList();
        var items = texts.Select((t, i) => ($"k{i}: #\"{i}\"", t, 1.0)).Append(("file:///etc/passwd", "reads a file", 1.0)).ToArray();

        var yaml = PromptfooAssertionsWriter.Write(Version(items), "support", DateTime.UtcNow);

        var assertions = Assertions(yaml);
        Assert.Equal(texts.Count, assertions.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal($"k{i}: #\"{i}\"", PromptfooTestsFile.Scalar(assertions[i]["metric"]));
            Assert.Equal(texts[i], PromptfooTestsFile.RenderedByNunjucks(PromptfooTestsFile.Scalar(assertions[i]["value"])!));
        }
        Assert.Contains("# 1 item(s) left out: their key starts with file://", yaml);
    }
}
