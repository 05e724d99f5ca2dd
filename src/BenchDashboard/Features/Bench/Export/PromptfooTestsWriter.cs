using System.Text;

namespace BenchDashboard.Features.Bench.Export;

/// <summary>
/// Writes cases as a promptfoo tests file (API.md, "Bench cases"): a YAML list usable as <c>tests: file://…</c>, each
/// case <c>{description: caseId, vars: {input}, metadata: {caseId, category, source}, assert: [llm-rubric]}</c>.
/// Every string is a quoted YAML scalar (<see cref="YamlText"/>). On top of YAML, promptfoo interprets text itself;
/// decision 0030 says what is done about each (checked against promptfoo 0.118.0's source and a real run):
/// <list type="bullet">
/// <item>vars of a text prompt and assertion values are rendered with Nunjucks, whose globals include <c>env</c> (the
/// runner's environment) and whose templates can run code; a var or assertion value starting with <c>file://</c> or
/// <c>package:</c> loads a file or runs a script or package. Such an input or expected behaviour is written as one
/// Nunjucks string literal, <c>{{ "…" }}</c>, that renders back to exactly the text and is none of those things;</item>
/// <item>any string of a tests file that starts with <c>file://</c> is replaced by that file when the file is loaded:
/// a category that starts so gets one leading space, and a case whose id starts so is left out (the header counts
/// it; its id could not survive).</item>
/// </list>
/// </summary>
public static class PromptfooTestsWriter
{
    public const string ContentType = "text/yaml; charset=utf-8";

    private static readonly string[] LoadedPrefixes = ["file://", "package:"];

    public static string Write(IReadOnlyList<BenchCaseItem> cases, string projectSlug, DateTime generatedAt)
    {
        var yaml = new StringBuilder();
        var runnable = cases.Where(c => !c.CaseId.StartsWith("file://", StringComparison.Ordinal)).ToList();
        var literals = runnable.Count(c => NeedsLiteral(c.Input));
        // Header lines are the app's own text; the only value in them is the slug, which is [a-z0-9-] by rule.
        yaml.Append("# promptfoo tests exported by BenchDashboard from project ").Append(projectSlug)
            .Append(" at ").Append(generatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        yaml.Append("# Use as `tests: file://this-file.yaml` with a prompt that reads {{input}}; import the results with\n");
        yaml.Append("# POST /api/v1/projects/").Append(projectSlug).Append("/bench-runs/import?format=promptfoo (metadata.caseId maps them back).\n");
        if (literals > 0)
        {
            yaml.Append("# ").Append(literals).Append(" input(s) hold template tags or start with file:// or package:; they are written as\n")
                .Append("# {{ \"...\" }} so promptfoo renders them back to the text instead of running them. A JSON (chat) prompt\n")
                .Append("# does not render vars: there they reach the model as written; the JSONL export has the plain text.\n");
        }
        if (cases.Count > runnable.Count)
        {
            yaml.Append("# ").Append(cases.Count - runnable.Count).Append(" case(s) left out: their id starts with file://, which promptfoo would replace by a file.\n");
        }
        if (runnable.Count == 0) return yaml.Append("[]\n").ToString();
        foreach (var c in runnable)
        {
            yaml.Append("- description: ").Append(YamlText.Quote(c.CaseId)).Append('\n');
            yaml.Append("  vars:\n");
            yaml.Append("    input: ").Append(YamlText.Quote(c.Input is null ? null : Rendered(c.Input))).Append('\n');
            yaml.Append("  metadata:\n");
            yaml.Append("    caseId: ").Append(YamlText.Quote(c.CaseId)).Append('\n');
            yaml.Append("    category: ").Append(YamlText.Quote(c.Category is not null && c.Category.StartsWith("file://", StringComparison.Ordinal) ? " " + c.Category : c.Category)).Append('\n');
            yaml.Append("    source: ").Append(YamlText.Quote(c.Source)).Append('\n');
            if (!string.IsNullOrWhiteSpace(c.ExpectedBehaviour))
            {
                yaml.Append("  assert:\n");
                yaml.Append("    - type: \"llm-rubric\"\n");
                yaml.Append("      value: ").Append(YamlText.Quote(Rendered(c.ExpectedBehaviour))).Append('\n');
            }
        }
        return yaml.ToString();
    }

    private static bool NeedsLiteral(string? text) =>
        text is not null && (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal)
            || text.Contains("{#", StringComparison.Ordinal) || LoadedPrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal)));

    /// <summary>
    /// Text that promptfoo's Nunjucks renders back to itself: unchanged when nothing in it is special, else one string
    /// literal. Inside it, <c>\ " { % #</c> are escaped (Nunjucks' lexer reads <c>\x</c> as <c>x</c>) and line breaks
    /// and tabs written as <c>\n \r \t</c>, so the value holds no <c>{{</c>, <c>{%</c> or <c>{#</c> but its own
    /// opening, stays on one line, and neither promptfoo's <c>{{var}}</c> substitution nor its guess at unclosed tags
    /// (which wraps text in <c>{% raw %}</c>) touches it.
    /// </summary>
    internal static string Rendered(string text)
    {
        if (!NeedsLiteral(text)) return text;
        var literal = new StringBuilder(text.Length + 16).Append("{{ \"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '"' or '{' or '%' or '#': literal.Append('\\').Append(c); break;
                case '\n': literal.Append(@"\n"); break;
                case '\r': literal.Append(@"\r"); break;
                case '\t': literal.Append(@"\t"); break;
                default: literal.Append(c); break;
            }
        }
        return literal.Append("\" }}").ToString();
    }
}
