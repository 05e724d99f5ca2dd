using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Infrastructure.Api;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Ingestion;

/// <summary>
/// Per-rubric-item outcomes on bench results (API.md, Ingestion: <c>"items"</c>): stored canonically, part of the run's
/// identity only when present, so runs sent before items existed stay duplicates when re-sent; and the promptfoo
/// importer's items, one per assertion, on a results file shaped as promptfoo writes it.
/// </summary>
public abstract class BenchRunItemsApiTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : BenchRunItemsApiTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : BenchRunItemsApiTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private static readonly string ItemsFixture = Path.Combine(AppContext.BaseDirectory, "Features", "Ingestion", "Fixtures", "promptfoo-results-items.json");

    private static object Run(string runId, object?[] results) => new { runId, version = "v1", startedAt = "2026-03-01T10:00:00Z", rubricVersion = 2, results };

    /// <summary>Each case's stored outcomes JSON (null when the result has none), read straight from the database.</summary>
    private Dictionary<string, string?> StoredItems(string slug, string runId)
    {
        using var db = app.Database.CreateContext();
        var projectId = db.Projects.Single(p => p.Slug == slug).Id;
        var run = db.BenchRuns.Single(r => r.ProjectId == projectId && r.RunId == runId).Id;
        return db.BenchResults.Where(r => r.BenchRunId == run).Select(r => new { r.BenchCase!.ExternalId, r.ItemOutcomesJson })
            .ToDictionary(r => r.ExternalId, r => r.ItemOutcomesJson);
    }

    [Fact]
    public async Task Items_are_stored_with_their_keys_in_one_order_and_results_without_them_store_none()
    {
        var slug = await client.NewProjectAsync("items");
        var created = await client.PostJsonAsync(slug, "bench-runs", Run("run-1",
        [
            new { caseId = "c1", passed = false, items = new Dictionary<string, bool> { ["tone"] = true, ["cites-policy"] = false, ["Émoji 🧪"] = true } },
            new { caseId = "c2", passed = true },
            new { caseId = "c3", passed = true, items = new Dictionary<string, bool>() },
        ]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var stored = StoredItems(slug, "run-1");
        var c1 = JsonDocument.Parse(stored["c1"]!).RootElement;
        // Ordinal key order: the same map sent in another order is stored (and hashed) the same.
        Assert.Equal(["cites-policy", "tone", "Émoji 🧪"], c1.EnumerateObject().Select(p => p.Name));
        Assert.Equal([false, true, true], c1.EnumerateObject().Select(p => p.Value.GetBoolean()));
        Assert.Null(stored["c2"]);
        Assert.Null(stored["c3"]); // an empty map says nothing about any item

        // The same run with its items in another order is the same run.
        var again = await client.PostJsonAsync(slug, "bench-runs", Run("run-1",
        [
            new { caseId = "c3", passed = true },
            new { caseId = "c2", passed = true },
            new { caseId = "c1", passed = false, items = new Dictionary<string, bool> { ["Émoji 🧪"] = true, ["cites-policy"] = false, ["tone"] = true } },
        ]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await IngestionClient.JsonAsync(again)).GetProperty("duplicate").GetBoolean());
    }

    [Fact]
    public async Task A_changed_items_map_is_a_409_and_a_run_without_items_re_sent_stays_a_duplicate()
    {
        var slug = await client.NewProjectAsync("items");
        object?[] Results(bool tone) => [new { caseId = "c1", passed = true, score = 0.9, items = new { tone, policy = true } }, new { caseId = "c2", passed = false }];
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(slug, "bench-runs", Run("with-items", Results(tone: true)))).StatusCode);

        var changed = await client.PostJsonAsync(slug, "bench-runs", Run("with-items", Results(tone: false)));
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Contains("runId 'with-items' already exists with different content", await IngestionClient.ErrorsAsync(changed));
        var dropped = await client.PostJsonAsync(slug, "bench-runs", Run("with-items", [new { caseId = "c1", passed = true, score = 0.9 }, new { caseId = "c2", passed = false }]));
        Assert.Equal(HttpStatusCode.Conflict, dropped.StatusCode);
        Assert.Equal("{\"policy\":true,\"tone\":true}", StoredItems(slug, "with-items")["c1"]);

        // The old shape: no items anywhere. Its hash is the one earlier releases stored, so a re-send is a duplicate ...
        object?[] oldShape = [new { caseId = "c1", passed = true, score = 0.9, category = "billing", input = "refund?" }];
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(slug, "bench-runs", Run("old-shape", oldShape))).StatusCode);
        var resent = await client.PostJsonAsync(slug, "bench-runs", Run("old-shape", oldShape));
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.True((await IngestionClient.JsonAsync(resent)).GetProperty("duplicate").GetBoolean());
        // ... and the same run sent with items is other content: a runner must not rewrite history under the same id.
        var withItemsNow = await client.PostJsonAsync(slug, "bench-runs", Run("old-shape",
            [new { caseId = "c1", passed = true, score = 0.9, category = "billing", input = "refund?", items = new { tone = true } }]));
        Assert.Equal(HttpStatusCode.Conflict, withItemsNow.StatusCode);
        Assert.Equal(2, client.Count(slug, "BenchRuns"));
    }

    [Theory]
    [InlineData("""[1, 2]""", "results[1]: items: must be a JSON object, got an array")]
    [InlineData("""{"tone": "yes"}""", "results[1]: items: 'tone' must be true or false, got a string")]
    [InlineData("""{"tone": 1}""", "results[1]: items: 'tone' must be true or false, got a number")]
    [InlineData("""{"tone": true, "tone": false}""", "results[1]: items: the item 'tone' appears more than once")]
    [InlineData("""{"": true}""", "results[1]: items: an item key must not be empty")]
    [InlineData("""{"a\u0007b": true}""", "results[1]: items: the item key 'a\u0007b' contains a control character")]
    public async Task Bad_items_are_a_400_naming_the_result_and_store_nothing(string items, string expected)
    {
        var slug = await client.NewProjectAsync("items");
        var body = $$"""{"runId": "r", "version": "v1", "startedAt": "2026-03-01T10:00:00Z", "results": [{"caseId": "ok", "passed": true}, {"caseId": "bad", "passed": true, "items": {{items}}}]}""";
        var response = await client.PostAsync(slug, "bench-runs", body, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await IngestionClient.ErrorsAsync(response));
        Assert.Equal(0, client.CountAll(slug));
    }

    [Fact]
    public async Task Too_many_items_or_too_long_a_key_is_a_400()
    {
        var slug = await client.NewProjectAsync("items");
        var many = Enumerable.Range(0, 101).ToDictionary(i => $"item-{i}", _ => true);
        var longKey = new Dictionary<string, bool> { [new string('k', 101)] = true };
        var exactly = Enumerable.Range(0, 100).ToDictionary(i => $"item-{i}", _ => true);
        exactly[new string('k', 100)] = false;
        exactly.Remove("item-0");

        var response = await client.PostJsonAsync(slug, "bench-runs", Run("r", [new { caseId = "many", passed = true, items = many }, new { caseId = "long", passed = true, items = longKey }]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await IngestionClient.ErrorsAsync(response);
        Assert.Contains("results[0]: items: holds 101 items; a result reports at most 100", errors);
        Assert.Contains("results[1]: items: the item key 'kkkk", errors);
        Assert.Contains("is 101 characters long; the limit is 100", errors);
        Assert.Equal(0, client.CountAll(slug));

        // The limits themselves are fine.
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(slug, "bench-runs", Run("r", [new { caseId = "limits", passed = true, items = exactly }]))).StatusCode);
        Assert.Equal(100, JsonDocument.Parse(StoredItems(slug, "r")["limits"]!).RootElement.EnumerateObject().Count());
    }

    [Fact]
    public async Task The_promptfoo_importer_gives_each_case_one_item_per_assertion()
    {
        var slug = await client.NewProjectAsync("pfitems");
        var file = await File.ReadAllTextAsync(ItemsFixture);
        var created = await client.PostAsync(slug, "bench-runs/import?format=promptfoo&runId=pf-items&version=v5", file, "application/json");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(4, (await IngestionClient.JsonAsync(created)).GetProperty("cases").GetInt32());

        var stored = StoredItems(slug, "pf-items");
        // Keyed by the metric when the assertion has one, else by its type; the repeated llm-rubric is numbered from its
        // second use (the metric-keyed one does not count as a use of the type); each value is that component's pass.
        Assert.Equal("{\"cites-policy\":true,\"contains\":true,\"llm-rubric\":false,\"llm-rubric#2\":true}", stored["refund-101: refund for a damaged item"]);
        Assert.Equal("{\"icontains\":true,\"tone\":true}", stored["shipping-102: ships to Canada"]);
        Assert.Null(stored["refund-103: refund after 45 days"]); // the provider failed: no grading result
        Assert.Null(stored["hours-104: Sunday hours"]);          // no assertions: no component results

        var again = await client.PostAsync(slug, "bench-runs/import?format=promptfoo&runId=pf-items&version=v5", file, "application/json");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await IngestionClient.JsonAsync(again)).GetProperty("duplicate").GetBoolean());
    }

    [Fact]
    public async Task A_promptfoo_file_imported_before_items_were_read_is_the_same_run_when_imported_again()
    {
        var slug = await client.NewProjectAsync("pfitems");
        var file = await File.ReadAllTextAsync(ItemsFixture);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync(slug, "bench-runs/import?format=promptfoo&runId=pf-old&version=v5", file, "application/json")).StatusCode);

        // What an earlier release stored for this file: the same results, without items, under the hash without items.
        using (var document = JsonDocument.Parse(file))
        {
            var run = PromptfooResults.ToBenchRun(document.RootElement, "pf-old", "v5", null, new ValidationErrors())!;
            await using var db = app.Database.CreateContext();
            var projectId = db.Projects.Single(p => p.Slug == slug).Id;
            var stored = db.BenchRuns.Single(r => r.ProjectId == projectId && r.RunId == "pf-old");
            Assert.NotEqual(run.ContentHash(withItems: false), stored.ContentHash);
            stored.ContentHash = run.ContentHash(withItems: false);
            foreach (var result in db.BenchResults.Where(r => r.BenchRunId == stored.Id)) result.ItemOutcomesJson = null;
            await db.SaveChangesAsync();
        }

        var again = await client.PostAsync(slug, "bench-runs/import?format=promptfoo&runId=pf-old&version=v5", file, "application/json");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await IngestionClient.JsonAsync(again)).GetProperty("duplicate").GetBoolean());
        // A file whose results changed is still a conflict.
        var changed = file.Replace("\"success\": true", "\"success\": false");
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync(slug, "bench-runs/import?format=promptfoo&runId=pf-old&version=v5", changed, "application/json")).StatusCode);
    }

    [Fact]
    public async Task A_malformed_component_result_is_a_400_naming_it()
    {
        var slug = await client.NewProjectAsync("pfitems");
        var file = JsonNode.Parse(await File.ReadAllTextAsync(ItemsFixture))!;
        file["results"]!["results"]![1]!["gradingResult"]!["componentResults"]![0]!["pass"] = "yes";
        var response = await client.PostAsync(slug, "bench-runs/import?format=promptfoo&runId=pf-bad&version=v5", file.ToJsonString(), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("results.results[1].gradingResult.componentResults[0]: pass: must be true or false, got a string", await IngestionClient.ErrorsAsync(response));
        Assert.Equal(0, client.CountAll(slug));
    }
}
