namespace BenchDashboard.Tests.Features.Bench;

/// <summary>
/// Text that breaks hand-written YAML, JSON lines or promptfoo if anything is left unescaped: line breaks of every kind,
/// colons and <c>#</c>, quotes and backslashes, YAML indicators and keywords at the start, Nunjucks tags, non-ASCII
/// letters, emoji, the BOM, and the prefixes promptfoo loads as files or packages.
/// </summary>
public static class HostileText
{
    /// <summary>Inputs and expected behaviours (multi-line text: tabs and line breaks allowed, as the API allows them).</summary>
    public static readonly IReadOnlyList<string> Texts =
    [
        "line one\nline two: with a colon # and not a comment\r\nthird line\n",
        "\"double\" and 'single' quotes, a \\ backslash and \\n that is not a newline",
        "- leading dash\n- second item",
        "? question key: value",
        "!tag &anchor *alias | > % @ ` {flow: map} [flow, seq]",
        "null",
        "true",
        "0x1F",
        "~",
        "",
        "  padded both ends  ",
        "---\n...\n--- document markers",
        "{{ env.HOME }} {% raw %}x{% endraw %} {# comment #} {{input}}",
        "Ünïcødé — «ταυτότητα» 日本語 🚀👩‍👩‍👧 \u2028line sep\u2029para sep\u00a0nbsp",
        "\uFEFFstarts with a BOM\ttab",
        "file:///etc/passwd",
        "package:evil:run",
        "<script>alert(1)</script> & &amp;",
    ];

    /// <summary>Case ids (single-line, as the API requires) that YAML or the importer could bend.</summary>
    public static readonly IReadOnlyList<string> CaseIds =
    [
        "refund: #1 \"quoted\"",
        "- dash-led id",
        "{{ input }} id",
        "  spaced id  ",
        "Ünïcødé 🚀 id",
        "null",
        new string('x', 250) + "-long",
    ];
}
