using System.Globalization;
using System.Text;
using BenchDashboard.Domain;
using BenchDashboard.Features.Bench.Export;

namespace BenchDashboard.Features.Rubrics.Export;

/// <summary>
/// A rubric version as promptfoo assertions: a <c>defaultTest</c> file (<c>defaultTest: file://…</c> in a promptfoo
/// config, which 0.118.0 loads) whose <c>assert</c> list has one <c>{type: llm-rubric, value: description, metric: key,
/// weight}</c> per item. The importer keys a test's component results by their assertion's metric (API.md), so a run
/// graded with these assertions reports its per-item outcomes under the rubric's own keys.
/// Item text is the teams' text: every string is a quoted YAML scalar (<see cref="YamlText"/>), and a description is
/// rendered safe from promptfoo's Nunjucks and <c>file://</c> loading exactly as the bench-case export's expected
/// behaviour is (<see cref="PromptfooTestsWriter"/>, decision 0030). An item whose key starts with <c>file://</c> would be
/// replaced by a file when promptfoo loads the file, and its outcomes could never map back: it is left out, and the
/// header says so.
/// </summary>
public static class PromptfooAssertionsWriter
{
    public const string ContentType = PromptfooTestsWriter.ContentType;

    public static string Write(RubricVersion version, string projectSlug, DateTime generatedAt)
    {
        var items = version.Items.OrderBy(i => i.Position).ToList();
        var runnable = items.Where(i => !i.Key.StartsWith("file://", StringComparison.Ordinal)).ToList();
        var yaml = new StringBuilder();
        // Header lines are the app's own text; the values in them are the slug ([a-z0-9-] by rule) and numbers.
        yaml.Append("# promptfoo assertions for rubric v").Append(version.Number).Append(" of project ").Append(projectSlug)
            .Append(", exported by BenchDashboard at ").Append(generatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append('\n');
        yaml.Append("# Use as `defaultTest: file://this-file.yaml` so every test is graded on every rubric item. Each assertion's\n");
        yaml.Append("# metric is the item's key: import the results with POST /api/v1/projects/").Append(projectSlug)
            .Append("/bench-runs/import?format=promptfoo\n# and they carry per-item outcomes under the same keys.\n");
        if (items.Count > runnable.Count)
        {
            yaml.Append("# ").Append(items.Count - runnable.Count).Append(" item(s) left out: their key starts with file://, which promptfoo would replace by a file.\n");
        }
        if (runnable.Count == 0) return yaml.Append("assert: []\n").ToString();
        yaml.Append("assert:\n");
        foreach (var item in runnable)
        {
            yaml.Append("  - type: \"llm-rubric\"\n");
            yaml.Append("    value: ").Append(YamlText.Quote(PromptfooTestsWriter.Rendered(item.Description))).Append('\n');
            yaml.Append("    metric: ").Append(YamlText.Quote(item.Key)).Append('\n');
            yaml.Append("    weight: ").Append(item.Weight.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return yaml.ToString();
    }
}
