using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchDashboard.Domain;
using BenchDashboard.Features.Admin;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Bench.Export;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Bench;

/// <summary>
/// The way back to the bench runner (issue 14, point 3; API.md "Bench cases"): the case list and its filters, the
/// promptfoo and JSONL exports with hostile text, the round trip through the promptfoo importer, and the Bench page's
/// cookie download.
/// </summary>
public abstract class BenchCasesApiTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : BenchCasesApiTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : BenchCasesApiTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private static string TextCase(int i) => $"text-{i:D2}";

    /// <summary>
    /// A bench with every hostile text as an input (case text-NN) and, in reverse order, as an expected behaviour; the
    /// hostile case ids; one retired case, one accepted production gap (first seen 2026-06-10), one incident and one
    /// case the runner never sent an input for.
    /// </summary>
    private async Task<string> SeedAsync()
    {
        var slug = await client.NewProjectAsync("bc");
        var texts = HostileText.Texts;
        var results = texts.Select((text, i) => new { caseId = TextCase(i), passed = i % 3 != 0, input = text, category = i % 2 == 0 ? "billing" : "- dash: #cat" })
            .Concat(HostileText.CaseIds.Select(id => new { caseId = id, passed = true, input = "plain", category = "ids" }))
            .Concat(new[] { "retired-1", "gap-t1", "incident-1" }.Select(id => new { caseId = id, passed = false, input = "other", category = "misc" }))
            .Concat([new { caseId = "no-input-1", passed = true, input = (string)null!, category = "misc" }]);
        var run = await client.PostJsonAsync(slug, "bench-runs", new { runId = "r1", version = "v1", startedAt = "2026-03-01T10:00:00Z", results });
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);

        await using var db = app.Database.CreateContext();
        var projectId = db.Projects.Single(p => p.Slug == slug).Id;
        var cases = await db.BenchCases.Where(c => c.ProjectId == projectId).ToDictionaryAsync(c => c.ExternalId);
        for (var i = 0; i < texts.Count; i++) cases[TextCase(i)].ExpectedBehaviour = texts[texts.Count - 1 - i];
        cases["retired-1"].Status = BenchCaseStatus.Retired;
        cases["retired-1"].RetiredAt = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        cases["gap-t1"].Source = BenchCaseSource.ProductionGap;
        cases["gap-t1"].FirstSeenAt = new DateTime(2026, 6, 10, 8, 0, 0, DateTimeKind.Utc);
        cases["gap-t1"].ProvenanceTraceJson = """{"traceId":"t1","input":"<b>bold</b>\nsecond","version":"v1"}""";
        cases["incident-1"].Source = BenchCaseSource.Incident;
        await db.SaveChangesAsync();
        return slug;
    }

    private async Task<List<JsonElement>> ListAsync(string slug, string query = "")
    {
        var response = await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-cases{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await IngestionClient.JsonAsync(response)).EnumerateArray().ToList();
    }

    private static List<string?> Ids(IEnumerable<JsonElement> cases) => cases.Select(c => c.GetProperty("caseId").GetString()).ToList();

    [Fact]
    public async Task The_list_answers_the_contract_fields_and_holds_only_active_cases_by_default()
    {
        var slug = await SeedAsync();
        var cases = await ListAsync(slug);
        Assert.Equal(HostileText.Texts.Count + HostileText.CaseIds.Count + 3, cases.Count);
        Assert.DoesNotContain("retired-1", Ids(cases));
        Assert.Equal(Ids(cases).Order(StringComparer.Ordinal), Ids(cases));

        var gap = cases.Single(c => c.GetProperty("caseId").GetString() == "gap-t1");
        Assert.Equal(["caseId", "category", "status", "source", "input", "expectedBehaviour", "firstSeenAt", "retiredAt", "provenance"],
            gap.EnumerateObject().Select(p => p.Name));
        Assert.Equal("active", gap.GetProperty("status").GetString());
        Assert.Equal("production_gap", gap.GetProperty("source").GetString());
        Assert.Equal("2026-06-10T08:00:00Z", gap.GetProperty("firstSeenAt").GetString());
        Assert.Equal(JsonValueKind.Null, gap.GetProperty("retiredAt").ValueKind);
        Assert.Equal("<b>bold</b>\nsecond", gap.GetProperty("provenance").GetProperty("input").GetString());
        var text = cases.Single(c => c.GetProperty("caseId").GetString() == TextCase(0));
        Assert.Equal(HostileText.Texts[0], text.GetProperty("input").GetString());
        Assert.Equal(HostileText.Texts[^1], text.GetProperty("expectedBehaviour").GetString());
        Assert.Equal("imported", text.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, text.GetProperty("provenance").ValueKind);
    }

    [Fact]
    public async Task Filters_select_by_status_source_and_the_day_a_case_was_first_seen()
    {
        var slug = await SeedAsync();
        var retired = Assert.Single(await ListAsync(slug, "?status=retired"));
        Assert.Equal("retired-1", retired.GetProperty("caseId").GetString());
        Assert.Equal("retired", retired.GetProperty("status").GetString());
        Assert.Equal("2026-05-01T00:00:00Z", retired.GetProperty("retiredAt").GetString());
        Assert.Equal(HostileText.Texts.Count + HostileText.CaseIds.Count + 4, (await ListAsync(slug, "?status=all")).Count);
        Assert.Equal(["gap-t1"], Ids(await ListAsync(slug, "?source=production_gap")));
        Assert.Equal(["incident-1"], Ids(await ListAsync(slug, "?source=incident")));
        Assert.Empty(await ListAsync(slug, "?source=incident&status=retired"));
        // New gap cases since a date: the day itself counts, the day after does not.
        Assert.Equal(["gap-t1"], Ids(await ListAsync(slug, "?since=2026-06-10")));
        Assert.Empty(await ListAsync(slug, "?since=2026-06-11"));
        Assert.Equal(["retired-1"], Ids(await ListAsync(slug, "?status=retired&since=2026-03-01")));
    }

    [Theory]
    [InlineData("bench-cases?status=open", "status: 'open' is not one of active, retired, all")]
    [InlineData("bench-cases?status=Active", "status: 'Active' is not one of active, retired, all")]
    [InlineData("bench-cases?source=gap", "source: 'gap' is not one of imported, production_gap, incident")]
    [InlineData("bench-cases?since=10.06.2026", "since: '10.06.2026' is not a date in the form YYYY-MM-DD")]
    [InlineData("bench-cases?since=1999-12-31", "since: ")]
    [InlineData("bench-cases/export", "format: the query parameter format is required: one of promptfoo, jsonl")]
    [InlineData("bench-cases/export?format=csv", "format: 'csv' is not one of promptfoo, jsonl")]
    [InlineData("bench-cases/export?format=jsonl&status=gone", "status: 'gone' is not one of active, retired, all")]
    public async Task Bad_filter_values_are_refused_with_a_400_in_plain_words(string pathAndQuery, string expected)
    {
        var slug = await client.NewProjectAsync();
        var response = await client.Api.GetAsync($"/api/v1/projects/{slug}/{pathAndQuery}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await IngestionClient.ErrorsAsync(response));
    }

    [Fact]
    public async Task Unknown_projects_and_keys_without_the_read_scope_are_refused()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.Api.GetAsync("/api/v1/projects/nope-nope/bench-cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateApiClient(null).GetAsync("/api/v1/projects/nope-nope/bench-cases/export?format=jsonl")).StatusCode);
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var (_, ingestOnly) = await keys.CreateAsync("ingest only", ApiScopes.Ingest, null, "test");
        var slug = await client.NewProjectAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateApiClient(ingestOnly).GetAsync($"/api/v1/projects/{slug}/bench-cases/export?format=promptfoo")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_both_endpoints()
    {
        var paths = (await IngestionClient.JsonAsync(await app.CreateApiClient(null).GetAsync("/openapi/v1.json"))).GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/projects/{slug}/bench-cases").TryGetProperty("get", out _));
        var export = paths.GetProperty("/api/v1/projects/{slug}/bench-cases/export").GetProperty("get");
        var content = export.GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(content.TryGetProperty("text/yaml", out _));
        Assert.True(content.TryGetProperty("application/x-ndjson", out _));
    }

    [Fact]
    public async Task The_promptfoo_export_is_a_YAML_list_that_keeps_every_hostile_text_unchanged()
    {
        var slug = await SeedAsync();
        var response = await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-cases/export?format=promptfoo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/yaml", response.Content.Headers.ContentType?.MediaType);
        var tests = PromptfooTestsFile.Parse(await response.Content.ReadAsStringAsync());
        var listed = await ListAsync(slug);
        Assert.Equal(Ids(listed), tests.Select(t => t.CaseId));
        Assert.Equal(Ids(listed), tests.Select(t => t.Description));

        for (var i = 0; i < HostileText.Texts.Count; i++)
        {
            var test = tests.Single(t => t.CaseId == TextCase(i));
            var input = HostileText.Texts[i];
            // Template tags and the file:// and package: prefixes are written so that promptfoo renders the exact text (decision 0030).
            Assert.False(test.Input!.StartsWith("file://", StringComparison.Ordinal) || test.Input.StartsWith("package:", StringComparison.Ordinal));
            Assert.Equal(input, PromptfooTestsFile.RenderedByNunjucks(test.Input));
            Assert.Equal(i % 2 == 0 ? "billing" : "- dash: #cat", test.Category);
            Assert.Equal("imported", test.Source);
            var expected = HostileText.Texts[HostileText.Texts.Count - 1 - i];
            if (expected.Length == 0)
            {
                Assert.Null(test.AssertValue);
                continue;
            }
            Assert.Equal("llm-rubric", test.AssertType);
            Assert.False(test.AssertValue!.StartsWith("file://", StringComparison.Ordinal) || test.AssertValue.StartsWith("package:", StringComparison.Ordinal));
            Assert.Equal(expected, PromptfooTestsFile.RenderedByNunjucks(test.AssertValue));
        }
        Assert.Equal("production_gap", tests.Single(t => t.CaseId == "gap-t1").Source);
        var empty = await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-cases/export?format=promptfoo&since=2026-12-01");
        Assert.Empty(PromptfooTestsFile.Parse(await empty.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_JSONL_export_holds_one_case_per_line_exactly_as_the_list_answers()
    {
        var slug = await SeedAsync();
        var response = await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-cases/export?format=jsonl&status=all");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", body);
        var lines = body.Split('\n')[..^1];
        var listed = await ListAsync(slug, "?status=all");
        Assert.Equal(listed.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(listed[i].GetRawText()), JsonNode.Parse(lines[i])), $"line {i + 1} is the listed case");
        }
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        for (var i = 0; i < HostileText.Texts.Count; i++)
        {
            var line = parsed.Single(p => p.GetProperty("caseId").GetString() == TextCase(i));
            Assert.Equal(HostileText.Texts[i], line.GetProperty("input").GetString());
        }
        Assert.Equal(HostileText.CaseIds.Order(StringComparer.Ordinal), Ids(parsed).Where(HostileText.CaseIds.Contains).OfType<string>());
    }

    [Fact]
    public async Task A_promptfoo_results_file_of_the_exported_tests_imports_back_onto_the_same_cases()
    {
        var slug = await SeedAsync();
        var yaml = await client.Api.GetStringAsync($"/api/v1/projects/{slug}/bench-cases/export?format=promptfoo");
        var tests = PromptfooTestsFile.Parse(yaml);
        var outcomes = tests.Select((t, i) => (t.CaseId!, Passed: i % 4 != 1)).ToDictionary(o => o.Item1, o => o.Passed, StringComparer.Ordinal);
        var file = PromptfooResultsFile(tests, outcomes);

        var response = await client.PostAsync(slug, "bench-runs/import?format=promptfoo&runId=pf-export&version=v2", file, "application/json");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await IngestionClient.JsonAsync(response);
        Assert.Equal(tests.Count, answer.GetProperty("cases").GetInt32());
        Assert.Equal(0, answer.GetProperty("newCases").GetInt32());

        await using var db = app.Database.CreateContext();
        var projectId = db.Projects.Single(p => p.Slug == slug).Id;
        var run = db.BenchRuns.Single(r => r.ProjectId == projectId && r.RunId == "pf-export");
        var landed = await db.BenchResults.Where(r => r.BenchRunId == run.Id).Select(r => new { r.BenchCase!.ExternalId, r.Passed }).ToListAsync();
        Assert.Equal(outcomes.OrderBy(o => o.Key, StringComparer.Ordinal), landed.Select(l => KeyValuePair.Create(l.ExternalId, l.Passed)).OrderBy(o => o.Key, StringComparer.Ordinal));
        // The import filled nothing over what the lead curated: inputs stay as stored (no leading space, no template).
        // A case without an input is exported with input null and stays without one (not the text {"input":null}).
        Assert.Null(tests.Single(t => t.CaseId == "no-input-1").Input);
        Assert.Null(db.BenchCases.Single(c => c.ProjectId == projectId && c.ExternalId == "no-input-1").Input);
        var fileIndex = HostileText.Texts.ToList().FindIndex(t => t.StartsWith("file://", StringComparison.Ordinal));
        var fileCase = TextCase(fileIndex);
        Assert.Equal(HostileText.Texts[fileIndex], db.BenchCases.Single(c => c.ProjectId == projectId && c.ExternalId == fileCase).Input);
    }

    /// <summary>
    /// The file <c>promptfoo eval -o results.json</c> writes for these tests with one prompt and one provider (shape as in
    /// Ingestion/Fixtures/PROMPTFOO-FORMAT.md): each result carries the test as promptfoo loaded it in <c>testCase</c>.
    /// </summary>
    private static string PromptfooResultsFile(IReadOnlyList<PromptfooTest> tests, IReadOnlyDictionary<string, bool> outcomes)
    {
        var results = new JsonArray();
        for (var i = 0; i < tests.Count; i++)
        {
            var t = tests[i];
            var passed = outcomes[t.CaseId!];
            var vars = new JsonObject { ["input"] = t.Input };
            var testCase = new JsonObject
            {
                ["description"] = t.Description, ["vars"] = vars.DeepClone(),
                ["metadata"] = new JsonObject { ["caseId"] = t.CaseId, ["category"] = t.Category, ["source"] = t.Source },
                ["assert"] = t.AssertValue is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "llm-rubric", ["value"] = t.AssertValue }),
                ["options"] = new JsonObject(),
            };
            results.Add(new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(), ["promptIdx"] = 0, ["testIdx"] = i, ["promptId"] = "p0",
                ["provider"] = new JsonObject { ["id"] = "echo" },
                ["prompt"] = new JsonObject { ["raw"] = "Customer: " + t.Input, ["label"] = "Customer: {{input}}" },
                ["testCase"] = testCase, ["vars"] = vars,
                ["response"] = new JsonObject { ["output"] = "Customer: " + t.Input },
                ["success"] = passed, ["score"] = passed ? 1 : 0, ["failureReason"] = passed ? 0 : 1,
                ["latencyMs"] = 1, ["cost"] = 0, ["namedScores"] = new JsonObject(),
                ["gradingResult"] = new JsonObject { ["pass"] = passed, ["score"] = passed ? 1 : 0, ["reason"] = passed ? "All assertions passed" : "rubric not met" },
                ["metadata"] = new JsonObject { ["caseId"] = t.CaseId, ["category"] = t.Category, ["source"] = t.Source },
            });
        }
        var file = new JsonObject
        {
            ["evalId"] = "eval-abc-2026-07-01T10:00:00",
            ["results"] = new JsonObject
            {
                ["version"] = 3, ["timestamp"] = "2026-07-01T10:00:00.000Z",
                ["prompts"] = new JsonArray(new JsonObject { ["raw"] = "Customer: {{input}}", ["label"] = "Customer: {{input}}", ["provider"] = "echo" }),
                ["results"] = results,
                ["stats"] = new JsonObject { ["successes"] = outcomes.Count(o => o.Value), ["failures"] = outcomes.Count(o => !o.Value), ["errors"] = 0 },
            },
            ["config"] = new JsonObject { ["tests"] = "file://bench-cases.promptfoo.yaml" },
            ["shareableUrl"] = null,
            ["metadata"] = new JsonObject { ["promptfooVersion"] = "0.118.0" },
        };
        return file.ToJsonString();
    }

    [Fact]
    public async Task The_Bench_page_download_serves_leads_and_auditors_the_API_file_with_the_sign_in_cookie()
    {
        var slug = await SeedAsync();
        // The link the Bench page's export menu shows for these filters.
        var path = BenchExportDownloads.Href(slug, new BenchCaseQuery(BenchCaseStatus.Active, BenchCaseSource.ProductionGap, null), "jsonl");
        var fromApi = await client.Api.GetStringAsync($"/api/v1/projects/{slug}/bench-cases/export?format=jsonl&source=production_gap");

        async Task<HttpResponseMessage> AsAsync(string? role) =>
            await (role is null ? app.CreateBrowserClient() : await SignedInClientAsync(role)).GetAsync(path);

        foreach (var role in new[] { Roles.Lead, Roles.Auditor })
        {
            var response = await AsAsync(role);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(fromApi, await response.Content.ReadAsStringAsync());
        }
        // Reviewers label traces but do not take the bench away; nobody signed out does. Both are sent where the app sends them.
        var reviewer = await AsAsync(Roles.Reviewer);
        Assert.Equal(HttpStatusCode.Found, reviewer.StatusCode);
        Assert.StartsWith("/account/access-denied", reviewer.Headers.Location?.PathAndQuery);
        var anonymous = await AsAsync(null);
        Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location?.PathAndQuery);

        var promptfoo = await (await SignedInClientAsync(Roles.Lead)).GetAsync(BenchExportDownloads.Href(slug, new BenchCaseQuery(null, null, new DateOnly(2026, 3, 1)), "promptfoo"));
        Assert.Equal("text/yaml", promptfoo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HostileText.Texts.Count + HostileText.CaseIds.Count + 4, PromptfooTestsFile.Parse(await promptfoo.Content.ReadAsStringAsync()).Count);
        var bad = await (await SignedInClientAsync(Roles.Auditor)).GetAsync($"/p/{slug}/bench/cases/export?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("format: 'xml' is not one of promptfoo, jsonl", await IngestionClient.ErrorsAsync(bad));
    }

    private async Task<HttpClient> SignedInClientAsync(string role)
    {
        var browser = app.CreateBrowserClient();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var created = await app.Services.GetRequiredService<UserAdminService>().CreateAsync(email, null, "export password 1234", [role], AppFactory.AdminEmail);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        await AppFactory.SignInAsync(browser, email, "export password 1234");
        return browser;
    }
}
