using BenchDashboard.Features.Review;
using Bunit;

namespace BenchDashboard.Tests.Components;

/// <summary>Trace text as a reviewer reads it: formatted or verbatim, hostile text always as text, named for screen readers.</summary>
public class TraceTextTests : AppComponentTestContext
{
    private const string Hostile = "**Refund** <script>alert(1)</script> [see](javascript:alert(2))";

    private IRenderedComponent<TraceText> RenderText(string text, bool markdown, string? label = null) =>
        Render<TraceText>(p => p.Add(t => t.Text, text).Add(t => t.Markdown, markdown).Add(t => t.Label, label).Add(t => t.TestId, "trace-output"));

    [Fact]
    public void Formatted_text_shows_the_markdown_and_any_html_in_it_as_visible_text()
    {
        var root = RenderText(Hostile, markdown: true).Find("[data-testid=trace-output]");

        Assert.Equal("Refund", root.QuerySelector("strong")?.TextContent);
        Assert.Empty(root.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", root.TextContent);
        Assert.DoesNotContain(root.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Raw_text_is_shown_verbatim_markdown_signs_and_all()
    {
        var root = RenderText(Hostile, markdown: false).Find("[data-testid=trace-output]");

        Assert.Equal(Hostile, root.QuerySelector("pre")!.TextContent);
        Assert.Empty(root.QuerySelectorAll("strong, script"));
    }

    [Fact]
    public void With_a_label_the_text_is_a_named_region_and_without_one_it_is_not_a_landmark()
    {
        var named = RenderText("hello", markdown: false, label: "Trace output").Find("[data-testid=trace-output]");
        Assert.Equal(("region", "Trace output"), (named.GetAttribute("role"), named.GetAttribute("aria-label")));

        var plain = RenderText("hello", markdown: false).Find("[data-testid=trace-output]");
        Assert.Null(plain.GetAttribute("role"));
    }
}
