using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// Turns the file written by <c>promptfoo eval --output results.json</c> into a bench run. Each test result becomes
/// a case: id from the test's <c>metadata.caseId</c> (what BenchDashboard's export writes), else its description, else its
/// vars; passed from <c>success</c>; score from <c>score</c>; per-item outcomes from the grading result's component results
/// (<see cref="Items"/>).
/// A file that compares several providers holds several candidate pipelines, so one must be chosen with
/// <c>provider</c>; the format is described in tests/…/Fixtures/PROMPTFOO-FORMAT.md.
/// </summary>
public static class PromptfooResults
{
    public static BenchRunRequest? ToBenchRun(JsonElement root, string? runId, string? version, string? provider, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(runId)) errors.Add("runId", "the query parameter runId is required");
        if (string.IsNullOrWhiteSpace(version)) errors.Add("version", "the query parameter version is required");
        // Run id and version come from a query string or a form, not JSON: the same limits as the fields they stand
        // for, checked here so the API and the Import page refuse the same values.
        if (runId is { Length: > TextLimits.Id }) errors.Add("runId", $"is longer than {TextLimits.Id} characters");
        if (version is { Length: > TextLimits.Category }) errors.Add("version", $"is longer than {TextLimits.Category} characters");
        if (runId?.Any(char.IsControl) == true) errors.Add("runId", "contains control characters");
        if (version?.Any(char.IsControl) == true) errors.Add("version", "contains control characters");
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var summary) || summary.ValueKind != JsonValueKind.Object
            || !summary.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            errors.Add("body", "not a promptfoo results file: expected an object with results.results[] (written by promptfoo eval --output results.json)");
            return null;
        }
        var startedAt = new FieldReader(summary, "results", errors).Timestamp("timestamp", required: true);

        var providers = results.EnumerateArray().Select(ProviderId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (provider is null && providers.Count > 1)
        {
            errors.Add("provider", $"this file compares {providers.Count:N0} providers ({ErrorEcho.List(providers)}); choose the one this run measures with ?provider=");
        }
        else if (provider is not null && !providers.Contains(provider))
        {
            errors.Add("provider", $"'{ErrorEcho.Quote(provider)}' is not in this file; it holds {ErrorEcho.List(providers)}");
        }
        // promptIdx numbers the provider × prompt columns; several columns for the chosen provider mean several prompts.
        var promptCount = results.EnumerateArray().Where(r => provider is null || ProviderId(r) == provider)
            .Select(r => Int(r, "promptIdx")).Distinct().Count();

        var cases = new List<BenchResultRequest>();
        var index = -1;
        foreach (var result in results.EnumerateArray())
        {
            index++;
            var location = $"results.results[{index}]";
            if (result.ValueKind != JsonValueKind.Object)
            {
                errors.Add(location, "expected a test result object");
                continue;
            }
            if (provider is not null && ProviderId(result) != provider) continue;
            var test = result.TryGetProperty("testCase", out var tc) && tc.ValueKind == JsonValueKind.Object ? tc : default;
            var vars = Property(test, "vars") ?? Property(result, "vars");
            var caseId = ExportedCaseId(test) ?? CaseId(String(test, "description"), vars);
            if (promptCount > 1) caseId = $"{caseId} [{PromptLabel(result)}]";
            var f = new FieldReader(result, location, errors);
            var success = f.Bool("success", required: true);
            var score = f.Number("score", required: false);
            var itemsValid = Items(result, location, errors, out var items);
            if (success is null || !itemsValid) continue;
            cases.Add(new BenchResultRequest(caseId, success.Value, score, Category(test, vars), Input(vars), items));
        }
        if (index < 0) errors.Add("results.results", "the file holds no test results");
        BenchRunRequest.CheckUniqueCases(cases, errors);
        return errors.Any ? null : new BenchRunRequest(runId!, version!, startedAt!.Value, null, cases) { ItemsReadFromFile = true };
    }

    /// <summary>
    /// The per-item outcomes of one test result (API.md, Ingestion): one item per entry of <c>gradingResult.componentResults</c>
    /// (one per assertion; promptfoo flattens the results an assertion set or a script returns into the same list, each with
    /// its assertion), keyed by the assertion's <c>metric</c> when it has one, else by its <c>type</c>; a key that repeats
    /// within the test is numbered from its second use (<c>llm-rubric</c>, <c>llm-rubric#2</c>, …); the outcome is the
    /// component's <c>pass</c>. A result without a grading result (a provider error) or a component without an assertion
    /// type has no item. False when a component is malformed (recorded in <paramref name="errors"/>).
    /// </summary>
    private static bool Items(JsonElement result, string location, ValidationErrors errors, out ItemOutcomes? items)
    {
        items = null;
        if (Property(result, "gradingResult") is not { ValueKind: JsonValueKind.Object } grading
            || Property(grading, "componentResults") is not { ValueKind: JsonValueKind.Array } components)
        {
            return true;
        }
        var outcomes = new List<KeyValuePair<string, bool>>();
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        var index = -1;
        foreach (var component in components.EnumerateArray())
        {
            index++;
            // promptfoo writes its component list as a sparse array when an assertion left no result: null holes.
            if (component.ValueKind == JsonValueKind.Null) continue;
            var at = $"{location}.gradingResult.componentResults[{index}]";
            var assertion = Property(component, "assertion");
            var baseKey = NonEmpty(assertion is { } a ? String(a, "metric") : null) ?? NonEmpty(assertion is { } b ? String(b, "type") : null);
            if (baseKey is null) continue;
            var pass = new FieldReader(component, at, errors).Bool("pass", required: true);
            if (pass is null)
            {
                valid = false;
                continue;
            }
            var use = uses.GetValueOrDefault(baseKey) + 1;
            var key = use == 1 ? baseKey : $"{baseKey}#{use}";
            // A metric literally named "tone#2" next to two "tone" assertions: the next free number, never a second key.
            while (!taken.Add(key)) key = $"{baseKey}#{++use}";
            uses[baseKey] = use;
            if (ItemOutcomes.KeyProblem(key) is { } problem)
            {
                errors.Add(at, $"assertion: {problem}");
                valid = false;
                continue;
            }
            outcomes.Add(new(key, pass.Value));
        }
        if (outcomes.Count > ItemOutcomes.MaxItems)
        {
            errors.Add($"{location}.gradingResult", $"componentResults: {outcomes.Count:N0} assertions; a result reports at most {ItemOutcomes.MaxItems} items");
            return false;
        }
        if (!valid) return false;
        items = ItemOutcomes.From(outcomes);
        return true;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>The provider ids a results file compares, for the Import page's provider choice.</summary>
    public static IReadOnlyList<string> Providers(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var summary) && summary.ValueKind == JsonValueKind.Object
            && summary.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array
            ? results.EnumerateArray().Select(ProviderId).OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : [];

    private static string? ProviderId(JsonElement result) =>
        Property(result, "provider") is { } p
            ? p.ValueKind == JsonValueKind.String ? p.GetString() : String(p, "id") ?? String(p, "label")
            : null;

    private static string PromptLabel(JsonElement result) =>
        Property(result, "prompt") is { } p && (String(p, "label") ?? String(p, "raw")) is { } label
            ? Shorten(label, 60)
            : $"prompt {Int(result, "promptIdx")}";

    /// <summary>
    /// The case id a test exported by BenchDashboard carries in its metadata, exactly as stored: the description is only
    /// the name promptfoo shows (and would be trimmed and shortened here), the metadata is the link back (API.md: the
    /// results of an exported test set map back onto the same case ids).
    /// </summary>
    private static string? ExportedCaseId(JsonElement test) =>
        Property(test, "metadata") is { } metadata && String(metadata, "caseId") is { Length: > 0 and <= TextLimits.Id } id && !id.Any(char.IsControl)
            ? id
            : null;

    /// <summary>The test's description; without one, its vars as compact JSON (hashed when long) identify it.</summary>
    private static string CaseId(string? description, JsonElement? vars)
    {
        if (!string.IsNullOrWhiteSpace(description)) return Shorten(description.Trim(), TextLimits.Id - 20);
        var json = vars is { ValueKind: JsonValueKind.Object } v ? Canonical(v) : "{}";
        if (json.Length <= 180) return $"vars {json}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];
        return $"vars {json[..160]}… #{hash}";
    }

    /// <summary>Vars sorted by name, so the same test gets the same id whatever order the config lists them in.</summary>
    private static string Canonical(JsonElement vars) =>
        JsonSerializer.Serialize(vars.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(p => p.Name, p => p.Value));

    private static string? Category(JsonElement test, JsonElement? vars)
    {
        var category = (Property(test, "metadata") is { } metadata ? String(metadata, "category") : null)
            ?? (vars is { } v ? String(v, "category") : null);
        return category is null ? null : Shorten(category, TextLimits.Category);
    }

    /// <summary>The case's input: the single var's text, or all vars as JSON.</summary>
    private static string? Input(JsonElement? vars)
    {
        if (vars is not { ValueKind: JsonValueKind.Object } v) return null;
        // An exported case without an input has vars {"input": null}: no input, not the text "{\"input\":null}".
        var properties = v.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).ToList();
        if (properties.Count == 0) return null;
        var text = properties.Count == 1 && properties[0].Value.ValueKind == JsonValueKind.String
            ? properties[0].Value.GetString()!
            : Canonical(v);
        return Shorten(text, TextLimits.Text);
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static int Int(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var i) ? i : 0;

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
