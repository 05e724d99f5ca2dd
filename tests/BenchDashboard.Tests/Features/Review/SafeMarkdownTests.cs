using System.Net;
using System.Text.RegularExpressions;
using BenchDashboard.Features.Review;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BenchDashboard.Tests.Features.Review;

/// <summary>TraceText and SafeMarkdown rendered with the framework's HtmlRenderer (docs/decisions/0005).</summary>
public class SafeMarkdownTests
{
    private const string Hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>";

    private static async Task<string> RenderAsync(string text, bool markdown, string? label = null, string? testId = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        var parameters = new Dictionary<string, object?>
        {
            [nameof(TraceText.Text)] = text, [nameof(TraceText.Markdown)] = markdown,
            [nameof(TraceText.Label)] = label, [nameof(TraceText.TestId)] = testId,
        };
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TraceText>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>Markdown mode, with the scoped-CSS attribute (b-xxxx) removed so assertions can name elements exactly.</summary>
    private static async Task<string> MarkdownAsync(string text) => StripScope(await RenderAsync(text, markdown: true));

    private static string StripScope(string html) => Regex.Replace(html, @" b-[a-z0-9]{10}", "");

    private static int Count(string html, string fragment) => Regex.Matches(html, Regex.Escape(fragment)).Count;

    [Fact]
    public async Task Script_and_img_tags_in_markdown_mode_are_encoded_text_not_elements()
    {
        var html = await MarkdownAsync($"Hello {Hostile}\n\n# {Hostile}\n\n- {Hostile}\n\n> {Hostile}\n\n**{Hostile}** `{Hostile}`\n\n```\n{Hostile}\n```");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(7, Count(html, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
    }

    [Fact]
    public async Task Script_and_img_tags_in_raw_mode_are_encoded_text_not_elements()
    {
        var html = StripScope(await RenderAsync(Hostile, markdown: false));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<pre class=\"tt-raw\" dir=\"auto\">&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</pre>", html);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("/relative/path")]
    [InlineData("relative.html")]
    [InlineData("//evil.example/x")]
    [InlineData("ftp://example.com/file")]
    [InlineData("https:evil.example")]
    public async Task Links_that_are_not_absolute_http_or_https_render_as_plain_text(string url)
    {
        var html = await MarkdownAsync($"see [click me]({url}) now");
        Assert.DoesNotContain("<a", html);
        Assert.DoesNotContain("href", html);
        Assert.Contains($"<p dir=\"auto\">see <span class=\"tt-link-text\">click me ({url})</span> now</p>", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task An_https_link_is_an_anchor_opening_in_a_new_tab_without_referrer_or_opener()
    {
        var html = await MarkdownAsync("read [the docs](https://example.com/a_(b)?q=1&r=2) and [plain](http://example.org)");
        Assert.Contains("<a href=\"https://example.com/a_(b)?q=1&amp;r=2\" rel=\"noopener noreferrer nofollow\" target=\"_blank\" "
            + "title=\"https://example.com/a_(b)?q=1&amp;r=2\">the docs</a>", html);
        Assert.Contains("<a href=\"http://example.org/\" rel=\"noopener noreferrer nofollow\" target=\"_blank\"", html);
        Assert.Equal(2, Count(html, "<a "));
    }

    [Fact]
    public async Task Headings_render_as_h4_to_h6_never_as_page_level_headings()
    {
        var html = await MarkdownAsync("# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six ##\n####### Seven");
        Assert.Contains("<h4 dir=\"auto\">One</h4>", html);
        Assert.Contains("<h5 dir=\"auto\">Two</h5>", html);
        Assert.Contains("<h6 dir=\"auto\">Three</h6>", html);
        Assert.Contains("<h6 dir=\"auto\">Four</h6>", html);
        Assert.Contains("<h6 dir=\"auto\">Six</h6>", html);
        Assert.Contains("<p dir=\"auto\">####### Seven</p>", html); // seven #s are no heading
        Assert.DoesNotMatch("<h[1-3]", html);
    }

    [Fact]
    public async Task Bullet_and_ordered_lists_render_as_ul_and_ol()
    {
        var html = await MarkdownAsync("Steps:\n- one\n* two\n+ three\n\n1. first\n2. second\n\n3. third\n\n7) seventh");
        Assert.Contains("<p dir=\"auto\">Steps:</p>", html);
        // Changing the bullet character starts a new list, as in CommonMark.
        Assert.Contains("<ul dir=\"auto\"><li dir=\"auto\">one</li></ul><ul dir=\"auto\"><li dir=\"auto\">two</li></ul>"
            + "<ul dir=\"auto\"><li dir=\"auto\">three</li></ul>", html);
        Assert.Contains("<ol dir=\"auto\"><li dir=\"auto\">first</li><li dir=\"auto\">second</li><li dir=\"auto\">third</li></ol>", html);
        Assert.Contains("<ol dir=\"auto\" start=\"7\"><li dir=\"auto\">seventh</li></ol>", html);
    }

    [Fact]
    public async Task A_fenced_code_block_keeps_its_text_verbatim_and_ignores_the_language()
    {
        var html = await MarkdownAsync("Before\n```python\ndef f(x):\n    return **x** <b>\n```\nAfter");
        Assert.Contains("<pre class=\"tt-code\" dir=\"auto\" tabindex=\"0\"><code>def f(x):&#xA;    return **x** &lt;b&gt;</code></pre>", html);
        Assert.Contains("<p dir=\"auto\">Before</p>", html);
        Assert.Contains("<p dir=\"auto\">After</p>", html);
        Assert.DoesNotContain("python", html);
        Assert.DoesNotContain("<strong>", html);
    }

    [Fact]
    public async Task Emphasis_strong_and_inline_code_render_as_elements()
    {
        var html = await MarkdownAsync("This is **bold**, *italic*, _also italic_, ***both*** and `a < b && *c*` here, snake_case_name.");
        Assert.Contains("This is <strong>bold</strong>, <em>italic</em>, <em>also italic</em>, <em><strong>both</strong></em> and "
            + "<code>a &lt; b &amp;&amp; *c*</code> here, snake_case_name.", html);
    }

    [Fact]
    public async Task Paragraphs_split_on_blank_lines_and_single_newlines_become_line_breaks()
    {
        var html = await MarkdownAsync("line one\nline two\n\n\nsecond paragraph");
        Assert.Contains("<p dir=\"auto\">line one<br />line two</p><p dir=\"auto\">second paragraph</p>", html);
    }

    [Fact]
    public async Task Blockquotes_and_horizontal_rules_render()
    {
        var html = await MarkdownAsync("> quoted *text*\n> > nested\n\n---\nafter");
        Assert.Contains("<blockquote dir=\"auto\"><p dir=\"auto\">quoted <em>text</em></p><blockquote dir=\"auto\"><p dir=\"auto\">nested</p></blockquote></blockquote>", html);
        Assert.Contains("<hr /><p dir=\"auto\">after</p>", html);
    }

    [Fact]
    public async Task A_markdown_image_renders_its_alt_text_and_url_never_an_img()
    {
        var html = await MarkdownAsync("![tracking pixel](https://evil.example/p.png?who=reviewer) and ![x](javascript:alert(1))");
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<a", html);
        Assert.Contains("<span class=\"tt-image\">[image: tracking pixel] (https://evil.example/p.png?who=reviewer)</span>", html);
        Assert.Contains("<span class=\"tt-image\">[image: x] (javascript:alert(1))</span>", html);
    }

    [Theory]
    [InlineData("**never closed", "<p dir=\"auto\">**never closed</p>")]
    [InlineData("*never closed", "<p dir=\"auto\">*never closed</p>")]
    [InlineData("`never closed", "<p dir=\"auto\">`never closed</p>")]
    [InlineData("[text](https://example.com", "<p dir=\"auto\">[text](https://example.com</p>")]
    [InlineData("[text] (https://example.com)", "<p dir=\"auto\">[text] (https://example.com)</p>")]
    [InlineData("a * b * c", "<p dir=\"auto\">a * b * c</p>")]
    [InlineData("\\*not italic\\*", "<p dir=\"auto\">*not italic*</p>")]
    public async Task Unclosed_or_escaped_markers_render_literally(string text, string expected)
    {
        var html = await MarkdownAsync(text);
        Assert.Contains(expected, html);
    }

    public static TheoryData<string, string, string> Pathological => new()
    {
        { "100,000 asterisks", new string('*', 100_000), "<hr />" },
        { "100,000 asterisks inside a word", "a" + new string('*', 100_000) + "b", "a" + new string('*', 100_000) + "b" },
        { "alternating *a 50,000 times", string.Concat(Enumerable.Repeat("*a", 50_000)), "<em>a</em>" },
        { "unmatched openers", string.Concat(Enumerable.Repeat("*a **b ", 20_000)), "*a **b *a **b" },
        { "underscores", string.Concat(Enumerable.Repeat("_a ", 30_000)) + string.Concat(Enumerable.Repeat("b_ ", 30_000)), "<em>" },
        { "10,000 quote markers", new string('>', 10_000) + " deep", string.Concat(Enumerable.Repeat("&gt;", 10_000 - SafeMarkdown.MaxQuoteDepth)) + " deep" },
        { "10,000 quote markers with spaces", string.Concat(Enumerable.Repeat("> ", 10_000)) + "deep", "&gt; &gt; deep" },
        { "10,000 quote lines", string.Join("\n", Enumerable.Range(0, 10_000).Select(i => new string('>', i % 50) + " x")), "<blockquote" },
        { "60,000-character line", new string('x', 60_000), new string('x', 60_000) },
        { "60,000-character code line", "```\n" + new string('y', 60_000) + "\n```", new string('y', 60_000) },
        { "open brackets", new string('[', 50_000) + "x", new string('[', 50_000) + "x" },
        { "unfinished links", string.Concat(Enumerable.Repeat("[a](", 20_000)), "[a]([a](" },
        { "unbalanced parentheses", "[a](https://x.example/" + new string('(', 30_000) + "x", "[a](https://x.example/(((" },
        { "backticks", string.Concat(Enumerable.Repeat("` `` ``` ", 10_000)), "<code>" },
        { "many headings", string.Concat(Enumerable.Repeat("#", 60_000)) + " x", "######" },
        { "many list items", string.Join("\n", Enumerable.Repeat("- item *a*", 20_000)), "<li dir=\"auto\">item <em>a</em></li>" },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public async Task Pathological_input_completes_and_renders(string name, string text, string expected)
    {
        var html = await MarkdownAsync(text);
        Assert.True(html.Contains(expected, StringComparison.Ordinal), $"{name}: expected fragment not found");
        Assert.True(Count(html, "<blockquote") <= SafeMarkdown.MaxQuoteDepth || name == "10,000 quote lines", $"{name}: blockquotes nested too deep");
    }

    [Fact]
    public async Task Quotes_nest_at_most_eight_deep_and_the_rest_shows_as_text()
    {
        var html = await MarkdownAsync(new string('>', 10_000) + " deep");
        Assert.Equal(SafeMarkdown.MaxQuoteDepth, Count(html, "<blockquote"));
        Assert.Contains("<p dir=\"auto\">" + string.Concat(Enumerable.Repeat("&gt;", 10_000 - SafeMarkdown.MaxQuoteDepth)) + " deep</p>", html);
    }

    [Fact]
    public async Task Deeply_nested_emphasis_opens_at_most_the_capped_number_of_elements()
    {
        const int depth = 25_000;
        var text = string.Concat(Enumerable.Repeat("**a ", depth)) + "core" + string.Concat(Enumerable.Repeat(" a**", depth));
        var html = await MarkdownAsync(text);
        Assert.Equal(SafeMarkdown.MaxInlineDepth, Count(html, "<strong>"));
        Assert.Equal(SafeMarkdown.MaxInlineDepth, Count(html, "</strong>"));
        Assert.Contains("a core a", html);
        Assert.DoesNotContain("**", html); // every delimiter was matched, only the elements beyond the cap were left out
    }

    [Fact]
    public async Task Right_to_left_text_gets_dir_auto_on_every_block_in_both_modes()
    {
        const string arabic = "مرحبا بالعالم";
        const string hebrew = "שלום עולם";
        var markdown = await MarkdownAsync($"{arabic}\n\n# {hebrew}\n\n- {arabic}\n\n> {hebrew}");
        Assert.Contains("<div class=\"trace-text trace-text-markdown\" dir=\"auto\">", markdown);
        Assert.Contains($"<p dir=\"auto\">{arabic}</p>", WebUtility.HtmlDecode(markdown));
        Assert.Contains($"<h4 dir=\"auto\">{hebrew}</h4>", WebUtility.HtmlDecode(markdown));
        Assert.Contains($"<li dir=\"auto\">{arabic}</li>", WebUtility.HtmlDecode(markdown));
        Assert.Contains($"<blockquote dir=\"auto\"><p dir=\"auto\">{hebrew}</p></blockquote>", WebUtility.HtmlDecode(markdown));

        var raw = StripScope(await RenderAsync(arabic, markdown: false));
        Assert.Contains($"<pre class=\"tt-raw\" dir=\"auto\">{arabic}</pre>", WebUtility.HtmlDecode(raw));
    }

    [Fact]
    public async Task Raw_mode_keeps_the_text_verbatim_inside_a_pre()
    {
        var text = "  # not a heading\n**not bold**  [x](https://example.com)\n\n\ttabbed  <b>&amp;</b> · é 😀\r\nend  ";
        var html = StripScope(await RenderAsync(text, markdown: false));
        var match = Regex.Match(html, "<pre class=\"tt-raw\" dir=\"auto\">(.*)</pre>", RegexOptions.Singleline);
        Assert.True(match.Success, html);
        Assert.Equal(text, WebUtility.HtmlDecode(match.Groups[1].Value));
        Assert.DoesNotContain("<strong>", html);
        Assert.DoesNotContain("<a", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public async Task The_root_carries_the_label_as_a_named_region_and_the_test_id()
    {
        var html = StripScope(await RenderAsync("hi", markdown: true, label: "Model answer", testId: "trace-answer"));
        Assert.StartsWith("<div class=\"trace-text trace-text-markdown\" dir=\"auto\" role=\"region\" aria-label=\"Model answer\" data-testid=\"trace-answer\">", html);

        var unlabelled = StripScope(await RenderAsync("hi", markdown: false));
        Assert.DoesNotContain("role=", unlabelled);
        Assert.DoesNotContain("aria-label", unlabelled);
        Assert.DoesNotContain("data-testid", unlabelled);
    }

    [Fact]
    public void The_parser_builds_the_expected_tree()
    {
        var blocks = SafeMarkdown.Parse("# Title\n\nText with [a link](https://example.com) and **bold *nested* text**.");
        Assert.Collection(blocks,
            b => Assert.Equal(1, Assert.IsType<MdHeading>(b).Level),
            b =>
            {
                var inlines = Assert.IsType<MdParagraph>(b).Inlines;
                Assert.Equal("Text with ", Assert.IsType<MdText>(inlines[0]).Text);
                Assert.Equal("https://example.com/", Assert.IsType<MdLink>(inlines[1]).Href);
                var strong = Assert.IsType<MdEmphasis>(inlines[3]);
                Assert.True(strong.Strong);
                Assert.False(Assert.IsType<MdEmphasis>(strong.Children[1]).Strong);
            });
    }
}
