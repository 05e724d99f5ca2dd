using System.Net;
using BenchDashboard.Statistics;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Ingestion;

public abstract class BenchRunApiTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : BenchRunApiTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : BenchRunApiTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private static object Run(string runId, string startedAt, params (string Case, bool Passed)[] results) => new
    {
        runId, version = "v1", startedAt, rubricVersion = 1,
        results = results.Select(r => new { caseId = r.Case, passed = r.Passed, score = r.Passed ? 1.0 : 0.2, category = "billing", input = $"input of {r.Case}" }),
    };

    [Fact]
    public async Task A_run_is_stored_with_new_cases_created_and_a_resend_is_a_duplicate()
    {
        var slug = await client.NewProjectAsync();
        var run = Run("run-1", "2026-03-01T10:00:00Z", ("c1", true), ("c2", true), ("c3", false));
        var created = await client.PostJsonAsync(slug, "bench-runs", run);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await IngestionClient.JsonAsync(created);
        Assert.Equal("run-1", answer.GetProperty("runId").GetString());
        Assert.Equal(3, answer.GetProperty("cases").GetInt32());
        Assert.Equal(2, answer.GetProperty("passed").GetInt32());
        Assert.Equal(3, answer.GetProperty("newCases").GetInt32());
        // The unknown version and rubric number were created; the version is deployed when the run started.
        Assert.Equal(1, client.Count(slug, "PipelineVersions"));
        Assert.Equal(1, client.Count(slug, "RubricVersions"));
        Assert.Equal(1, client.Scalar($"""
            SELECT COUNT(*) FROM "PipelineVersions" WHERE {app.Database.SqlTimeIs("\"DeployedAt\"", "2026-03-01 10:00:00")} AND "ProjectId" = {IngestionClient.ProjectOfSlug}
            """, slug));

        var again = await client.PostJsonAsync(slug, "bench-runs", run);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await IngestionClient.JsonAsync(again)).GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, client.Count(slug, "BenchRuns"));

        var second = await IngestionClient.JsonAsync(await client.PostJsonAsync(slug, "bench-runs", Run("run-2", "2026-03-08T10:00:00Z", ("c1", true), ("c4", false))));
        Assert.Equal(1, second.GetProperty("newCases").GetInt32());
        Assert.Equal(4, client.Count(slug, "BenchCases"));
    }

    [Fact]
    public async Task The_same_run_id_with_other_results_is_a_409_and_changes_nothing()
    {
        var slug = await client.NewProjectAsync();
        await client.PostJsonAsync(slug, "bench-runs", Run("run-1", "2026-03-01T10:00:00Z", ("c1", true)));
        var conflict = await client.PostJsonAsync(slug, "bench-runs", Run("run-1", "2026-03-01T10:00:00Z", ("c1", false), ("c2", true)));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("runId 'run-1' already exists with different content", await IngestionClient.ErrorsAsync(conflict));
        Assert.Equal(1, client.Count(slug, "BenchCases"));
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_and_feed_the_bench_pass_rate()
    {
        var slug = await client.NewProjectAsync();
        await client.PostJsonAsync(slug, "bench-runs", Run("old", "2026-03-01T10:00:00Z", ("c1", true), ("c2", false)));
        await client.PostJsonAsync(slug, "bench-runs", Run("new", "2026-03-09T10:00:00Z", ("c1", true), ("c2", true)));
        var list = (await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-runs"))).EnumerateArray().ToList();
        Assert.Equal(["new", "old"], list.Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal("v1", list[0].GetProperty("version").GetString());
        Assert.Equal(2, list[0].GetProperty("passed").GetInt32());
        Assert.Equal(2, list[1].GetProperty("cases").GetInt32());
        Assert.StartsWith("2026-03-09T10:00:00", list[0].GetProperty("startedAt").GetString());

        var trends = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/trends?from=2026-03-01&to=2026-03-15&bucket=week"));
        var pass = trends.GetProperty("series").GetProperty("benchPassRate").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()).ToList();
        Assert.Equal([0.5, 1.0], pass);
    }

    [Fact]
    public async Task Compare_lists_each_change_and_mcnemars_exact_p()
    {
        var slug = await client.NewProjectAsync();
        // Base: c1..c8 pass, f1..f2 fail, gone fails. Head: six of the passing ones now fail, f1 now passes, new case added.
        var baseResults = Enumerable.Range(1, 8).Select(i => ($"c{i}", true)).Concat([("f1", false), ("f2", false), ("gone", false)]).ToArray();
        var headResults = Enumerable.Range(1, 8).Select(i => ($"c{i}", i > 6)).Concat([("f1", true), ("f2", false), ("added", true)]).ToArray();
        await client.PostJsonAsync(slug, "bench-runs", Run("base", "2026-03-01T10:00:00Z", baseResults));
        await client.PostJsonAsync(slug, "bench-runs", Run("head", "2026-03-02T10:00:00Z", headResults));

        var response = await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-runs/compare?base=base&head=head");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await IngestionClient.JsonAsync(response);
        string[] Ids(string name) => json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["f1"], Ids("newlyPassing"));
        Assert.Equal(["c1", "c2", "c3", "c4", "c5", "c6"], Ids("newlyFailing"));
        Assert.Equal(["f2"], Ids("stillFailing"));
        Assert.Equal(["added"], Ids("added"));
        Assert.Equal(["gone"], Ids("removed"));
        // b = 6, c = 1: p = 2 · P(X ≤ 1), X ~ Bin(7, ½) = 2 · 8/128 = 0.125.
        Assert.Equal(0.125, json.GetProperty("mcnemarP").GetDouble(), 12);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-runs/compare?base=base&head=nope")).StatusCode);
        var missing = await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-runs/compare?base=base");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("head: the query parameter head (a runId) is required", await IngestionClient.ErrorsAsync(missing));
    }

    [Fact]
    public async Task A_promptfoo_results_file_becomes_a_run_for_the_chosen_provider()
    {
        var slug = await client.NewProjectAsync();
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Ingestion", "Fixtures", "promptfoo-results.json"));

        // The file compares two providers: the importer will not guess which one is the pipeline.
        var ambiguous = await client.PostAsync(slug, "bench-runs/import?format=promptfoo&runId=pf-1&version=v2", file, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, ambiguous.StatusCode);
        var errors = await IngestionClient.ErrorsAsync(ambiguous);
        Assert.Contains("compares 2 providers (openai:gpt-4o-mini, anthropic:messages:claude-3-5-haiku-20241022)", errors);

        var openai = await client.PostAsync(slug, "bench-runs/import?format=promptfoo&runId=pf-openai&version=v2&provider=openai:gpt-4o-mini", file, "application/json");
        Assert.Equal(HttpStatusCode.Created, openai.StatusCode);
        var answer = await IngestionClient.JsonAsync(openai);
        Assert.Equal(4, answer.GetProperty("cases").GetInt32());
        Assert.Equal(3, answer.GetProperty("passed").GetInt32());
        Assert.Equal(4, answer.GetProperty("newCases").GetInt32());

        var claude = await IngestionClient.JsonAsync(await client.PostAsync(slug,
            "bench-runs/import?format=promptfoo&runId=pf-claude&version=v3&provider=anthropic:messages:claude-3-5-haiku-20241022", file, "application/json"));
        Assert.Equal(2, claude.GetProperty("passed").GetInt32());
        Assert.Equal(0, claude.GetProperty("newCases").GetInt32());

        // Cases are named by the test's description, or by its vars when it has none; the run starts at the file's timestamp.
        await using var db = app.Database.CreateContext();
        var ids = db.BenchCases.Where(c => c.ProjectId == db.Projects.Single(p => p.Slug == slug).Id).Select(c => c.ExternalId).OrderBy(x => x).ToList();
        Assert.Contains("refund-001: refund for a damaged item", ids);
        Assert.Contains("vars {\"question\":\"Do you ship to Canada?\"}", ids);
        var compare = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-runs/compare?base=pf-openai&head=pf-claude"));
        Assert.Equal(["refund-002: return requested after the 30-day window"], compare.GetProperty("newlyPassing").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, compare.GetProperty("newlyFailing").GetArrayLength());
        var list = (await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-runs"))).EnumerateArray().ToList();
        Assert.All(list, r => Assert.StartsWith("2026-06-02T14:05:11.348", r.GetProperty("startedAt").GetString()));
    }

    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(5, 5, 1.0)]
    [InlineData(0, 5, 0.0625)]          // 2 · (1/2)^5
    [InlineData(1, 6, 0.125)]           // 2 · 8/128
    [InlineData(2, 10, 0.0385742188)]   // 2 · 79/4096, as R's binom.test(2, 12)
    public void Mcnemar_exact_p_matches_the_binomial_reference_values(int b, int c, double expected)
    {
        Assert.Equal(expected, McNemar.ExactP(b, c), 9);
        Assert.Equal(expected, McNemar.ExactP(c, b), 9);
    }

    [Fact]
    public void Mcnemar_exact_p_stays_finite_for_thousands_of_discordant_cases()
    {
        var p = McNemar.ExactP(1000, 1100);
        Assert.InRange(p, 0.02, 0.04); // normal approximation: z ≈ 2.16, p ≈ 0.031
    }
}
