using BenchDashboard.Data;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Ingestion;

public abstract class ReadApiTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : ReadApiTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : ReadApiTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    [Fact]
    public async Task Trends_answer_the_contract_shape_field_for_field()
    {
        var slug = await client.NewProjectAsync();
        await client.PostJsonAsync(slug, "traces", new[] { new { traceId = "t1", timestamp = "2026-03-03T10:00:00Z", input = "x" } });
        await client.PostJsonAsync(slug, "feedback", new[] { new { eventId = "e1", traceId = "t1", timestamp = "2026-03-03T10:01:00Z", kind = "retry" } });

        var json = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/trends?from=2026-03-01&to=2026-03-31&bucket=month"));
        Assert.Equal("2026-03-01", json.GetProperty("from").GetString());
        Assert.Equal("2026-03-31", json.GetProperty("to").GetString());
        Assert.Equal("month", json.GetProperty("bucket").GetString());
        var series = json.GetProperty("series");
        Assert.Equal(["benchPassRate", "thumbsUpRate", "csat", "rewriteRate", "retryRate", "undoRate", "formatErrorRate"],
            series.EnumerateObject().Select(p => p.Name));
        var retry = Assert.Single(series.GetProperty("retryRate").EnumerateArray());
        Assert.Equal(["t", "value", "n", "low", "high"], retry.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-03-01", retry.GetProperty("t").GetString());
        Assert.Equal(1.0, retry.GetProperty("value").GetDouble());
        Assert.Equal(1, retry.GetProperty("n").GetInt32());
        Assert.True(retry.GetProperty("low").GetDouble() < 1);
        Assert.Equal(JsonValueKindArray, json.GetProperty("versions").ValueKind);
    }

    [Fact]
    public async Task Trends_filtered_by_category_count_only_that_categorys_feedback_even_when_it_came_before_its_trace()
    {
        var slug = await client.NewProjectAsync();
        // Feedback first, its traces later: the rollups still end up under the traces' categories.
        await client.PostJsonAsync(slug, "feedback", new[]
        {
            new { eventId = "e1", traceId = "t1", timestamp = "2026-03-03T10:01:00Z", kind = "thumbs_up" },
            new { eventId = "e2", traceId = "t2", timestamp = "2026-03-03T10:01:00Z", kind = "thumbs_down" },
            new { eventId = "e3", traceId = "t2", timestamp = "2026-03-03T10:02:00Z", kind = "thumbs_down" },
        });
        await client.PostJsonAsync(slug, "traces", new[]
        {
            new { traceId = "t1", timestamp = "2026-03-03T10:00:00Z", input = "x", category = "billing" },
            new { traceId = "t2", timestamp = "2026-03-03T10:00:00Z", input = "y", category = "shipping & returns" },
        });

        async Task<(double, int)> ThumbsAsync(string query)
        {
            var json = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/trends?from=2026-03-01&to=2026-03-31&bucket=month{query}"));
            var point = Assert.Single(json.GetProperty("series").GetProperty("thumbsUpRate").EnumerateArray());
            return (point.GetProperty("value").GetDouble(), point.GetProperty("n").GetInt32());
        }
        Assert.Equal((1.0, 1), await ThumbsAsync("&category=billing"));
        Assert.Equal((0.0, 2), await ThumbsAsync($"&category={Uri.EscapeDataString("shipping & returns")}"));
        Assert.Equal((1.0 / 3, 3), await ThumbsAsync(""));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindArray = System.Text.Json.JsonValueKind.Array;

    [Theory]
    [InlineData("bucket=year", "bucket: 'year' is not one of day, week, month")]
    [InlineData("bucket=1", "bucket: '1' is not one of day, week, month")]
    [InlineData("from=2026-13-01", "from: '2026-13-01' is not a date in the form YYYY-MM-DD")]
    [InlineData("from=2026-03-10&to=2026-03-01", "to: 2026-03-01 is before from (2026-03-10)")]
    [InlineData("from=2000-01-01&to=2026-03-01", "from: the range is longer than 3660 days")]
    [InlineData("category=", "category: must be 1 to 128 characters")]
    public async Task Trends_reject_bad_query_values_with_a_400(string query, string expected)
    {
        var slug = await client.NewProjectAsync();
        var response = await client.Api.GetAsync($"/api/v1/projects/{slug}/trends?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await IngestionClient.ErrorsAsync(response));
    }

    [Fact]
    public async Task Signals_answer_the_contract_shape()
    {
        var slug = await client.NewProjectAsync();
        var json = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/signals?asOf=2026-06-30"));
        Assert.Equal("2026-06-30", json.GetProperty("asOf").GetString());
        Assert.Equal(JsonValueKindArray, json.GetProperty("signals").ValueKind);
        var bad = await client.Api.GetAsync($"/api/v1/projects/{slug}/signals?asOf=June");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Api.GetAsync("/api/v1/projects/nope/signals")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_of_the_contract()
    {
        var json = await IngestionClient.JsonAsync(await app.CreateApiClient(null).GetAsync("/openapi/v1.json"));
        var paths = json.GetProperty("paths");
        foreach (var (path, method) in new[]
        {
            ("/api/v1/projects", "get"), ("/api/v1/projects/{slug}", "put"), ("/api/v1/projects/{slug}/versions", "post"),
            ("/api/v1/projects/{slug}/bench-runs", "post"), ("/api/v1/projects/{slug}/bench-runs", "get"),
            ("/api/v1/projects/{slug}/bench-runs/import", "post"), ("/api/v1/projects/{slug}/bench-runs/compare", "get"),
            ("/api/v1/projects/{slug}/traces", "post"), ("/api/v1/projects/{slug}/feedback", "post"), ("/api/v1/projects/{slug}/metrics", "post"),
            ("/api/v1/projects/{slug}/trends", "get"), ("/api/v1/projects/{slug}/signals", "get"),
            ("/api/v1/audit-log/verify", "get"),
            ("/api/v1/projects/{slug}/upgrade-audits", "post"), ("/api/v1/projects/{slug}/upgrade-audits", "get"),
            ("/api/v1/projects/{slug}/upgrade-audits/{auditId}", "get"),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is documented");
        }
        var traces = paths.GetProperty("/api/v1/projects/{slug}/traces").GetProperty("post");
        Assert.Contains("65,536", traces.GetProperty("summary").GetString());
        Assert.True(traces.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-ndjson", out _));
        // Only what API.md requires is marked required, so generated clients do not demand optional fields.
        var trace = json.GetProperty("components").GetProperty("schemas").GetProperty("TraceContract");
        Assert.Equal(["traceId", "timestamp", "input"], trace.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(traces.GetProperty("responses").TryGetProperty("429", out _));
    }
}

/// <summary>A factory whose keys may make only three requests a minute.</summary>
public class RateLimitedAppFactory : AppFactory
{
    public RateLimitedAppFactory() { }

    private RateLimitedAppFactory(DatabaseProvider provider) : base(provider) { }

    public sealed class OnPostgres() : RateLimitedAppFactory(DatabaseProvider.Postgres);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("BenchDashboard:Api:RequestsPerMinute", "3")];
}

public abstract class RateLimitTests(RateLimitedAppFactory app)
{
    public sealed class OnSqlite(RateLimitedAppFactory app) : RateLimitTests(app), IClassFixture<RateLimitedAppFactory>;
    public sealed class OnPostgres(RateLimitedAppFactory.OnPostgres app) : RateLimitTests(app), IClassFixture<RateLimitedAppFactory.OnPostgres>;

    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after_while_other_keys_go_on()
    {
        var api = app.CreateApiClient(AppFactory.BootstrapKey);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/projects")).StatusCode);
        var limited = await api.GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Contains("3 requests a minute", await IngestionClient.ErrorsAsync(limited));

        var keys = app.Services.GetRequiredService<BenchDashboard.Features.ApiKeys.ApiKeyService>();
        var (_, other) = await keys.CreateAsync("second key", BenchDashboard.Domain.ApiScopes.Read, null, "test");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateApiClient(other).GetAsync("/api/v1/projects")).StatusCode);
    }
}
