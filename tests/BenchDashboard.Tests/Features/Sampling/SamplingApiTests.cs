using System.Net;
using BenchDashboard.Domain;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Sampling;

/// <summary><c>POST/GET …/sampling-rounds</c> against the real app, field for field as API.md says.</summary>
public abstract class SamplingApiTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : SamplingApiTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : SamplingApiTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private async Task<string> ProjectWithTracesAsync(int count = 30)
    {
        var slug = await client.NewProjectAsync("s");
        var traces = Enumerable.Range(0, count).Select(i => new
        {
            traceId = $"t{i:00}", timestamp = $"2026-06-{1 + i % 28:00}T10:00:00Z", input = $"question {i}", category = i % 3 == 0 ? "billing" : "shipping",
        });
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync(slug, "traces", traces)).StatusCode);
        return slug;
    }

    [Fact]
    public async Task A_round_is_created_with_its_trace_ids_and_the_same_seed_draws_the_same_ones()
    {
        var slug = await ProjectWithTracesAsync();
        var body = new { period = "2026-06", size = 10, strategy = "stratified", seed = 42 };

        var created = await client.PostJsonAsync(slug, "sampling-rounds", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await IngestionClient.JsonAsync(created);
        Assert.Equal(["roundId", "traceIds"], json.EnumerateObject().Select(p => p.Name));
        var roundId = json.GetProperty("roundId").GetInt32();
        Assert.Equal($"/api/v1/projects/{slug}/sampling-rounds/{roundId}", created.Headers.Location?.OriginalString);
        var traceIds = json.GetProperty("traceIds").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal(10, traceIds.Distinct().Count());

        var again = await IngestionClient.JsonAsync(await client.PostJsonAsync(slug, "sampling-rounds", body));
        Assert.Equal(traceIds, again.GetProperty("traceIds").EnumerateArray().Select(t => t.GetString()));
        Assert.NotEqual(roundId, again.GetProperty("roundId").GetInt32());

        var round = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/sampling-rounds/{roundId}"));
        Assert.Equal(["roundId", "period", "status", "size", "reviewed", "failures", "benchWouldCatch", "catchRate", "catchRateLow", "catchRateHigh", "gaps"],
            round.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("2026-06", "open", 10, 0), (round.GetProperty("period").GetString(), round.GetProperty("status").GetString(),
            round.GetProperty("size").GetInt32(), round.GetProperty("reviewed").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, round.GetProperty("catchRate").ValueKind);
    }

    [Fact]
    public async Task From_and_to_narrow_the_window()
    {
        var slug = await ProjectWithTracesAsync();
        var json = await IngestionClient.JsonAsync(await client.PostJsonAsync(slug, "sampling-rounds",
            new { period = "2026-06", size = 100, strategy = "uniform", seed = 1, from = "2026-06-01", to = "2026-06-02" }));
        // Days 1 and 2 hold traces t00, t01, t28, t29.
        Assert.Equal(["t00", "t01", "t28", "t29"], json.GetProperty("traceIds").EnumerateArray().Select(t => t.GetString()).Order());
    }

    [Theory]
    [InlineData("""{"period":"2026-6","size":10,"strategy":"uniform"}""", "period: must be a month in the form YYYY-MM")]
    [InlineData("""{"period":"2026-06","size":0,"strategy":"uniform"}""", "size: must be between 1 and 500, got 0")]
    [InlineData("""{"period":"2026-06","size":501,"strategy":"uniform"}""", "size: must be between 1 and 500, got 501")]
    [InlineData("""{"period":"2026-06","size":"ten","strategy":"uniform"}""", "size: must be a whole number, got a string")]
    [InlineData("""{"period":"2026-06","size":10,"strategy":"random"}""", "strategy: 'random' is not one of uniform, stratified, negative_feedback")]
    [InlineData("""{"period":"2026-06","size":10}""", "strategy: is required")]
    [InlineData("""{"period":"2026-06","size":10,"strategy":"uniform","from":"2026-06-01"}""", "to: from and to go together")]
    [InlineData("""{"period":"2026-01","size":10,"strategy":"uniform"}""", "no production traces")]
    [InlineData("""[1,2]""", "expected a JSON object, got an array")]
    public async Task Bad_requests_are_a_400_naming_the_field_and_store_no_round(string body, string expected)
    {
        var slug = await ProjectWithTracesAsync(count: 5);
        var response = await client.PostAsync(slug, "sampling-rounds", body, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await IngestionClient.ErrorsAsync(response));
        Assert.Equal(0, client.Count(slug, "SamplingRounds"));
    }

    [Fact]
    public async Task Creating_needs_the_ingest_scope_and_an_unknown_round_is_a_404()
    {
        var slug = await ProjectWithTracesAsync(count: 5);
        var (_, readOnly) = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("sampling reader", ApiScopes.Read, null, "test");
        var reader = app.CreateApiClient(readOnly);
        var forbidden = await reader.PostAsync($"/api/v1/projects/{slug}/sampling-rounds",
            IngestionClient.Content("""{"period":"2026-06","size":2,"strategy":"uniform"}""", "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/projects/{slug}/sampling-rounds/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/projects/{slug}/sampling-rounds/1")).StatusCode);
    }
}
