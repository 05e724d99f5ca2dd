using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Ingestion;

public abstract class TraceAndFeedbackApiTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : TraceAndFeedbackApiTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : TraceAndFeedbackApiTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private static object Trace(string id, string timestamp = "2026-03-02T10:00:00Z", string input = "Where is my parcel?") =>
        new { traceId = id, timestamp, version = "v1", input, output = "It ships today.", category = "shipping", metadata = new { channel = "web" } };

    private static object Event(string id, string kind, string timestamp = "2026-03-02T10:05:00+01:00", double? value = null) =>
        new { eventId = id, traceId = "t1", timestamp, kind, value };

    [Fact]
    public async Task Traces_arrive_as_a_json_array_and_a_resend_counts_duplicates_without_storing_twice()
    {
        var slug = await client.NewProjectAsync();
        var batch = new[] { Trace("t1"), Trace("t2"), Trace("t3") };

        var first = await client.PostJsonAsync(slug, "traces", batch);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await IngestionClient.JsonAsync(first);
        Assert.Equal(3, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(0, answer.GetProperty("duplicates").GetInt32());

        var again = await IngestionClient.JsonAsync(await client.PostJsonAsync(slug, "traces", batch.Append(Trace("t4"))));
        Assert.Equal(1, again.GetProperty("accepted").GetInt32());
        Assert.Equal(3, again.GetProperty("duplicates").GetInt32());
        Assert.Equal(4, client.Count(slug, "ProductionTraces"));
        // The unknown version "v1" was created, deployed at its first trace.
        Assert.Equal(1, client.Count(slug, "PipelineVersions"));
    }

    [Fact]
    public async Task Traces_arrive_as_ndjson_with_blank_lines_and_crlf_tolerated()
    {
        var slug = await client.NewProjectAsync();
        var body = IngestionClient.Ndjson([Trace("a"), Trace("b")]).Replace("\n", "\r\n") + "\r\n\r\n";
        var response = await client.PostAsync(slug, "traces", body, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await IngestionClient.JsonAsync(response)).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task The_same_trace_id_with_other_content_is_a_409_naming_the_id_and_nothing_of_the_batch_is_stored()
    {
        var slug = await client.NewProjectAsync();
        await client.PostJsonAsync(slug, "traces", new[] { Trace("t1") });

        var response = await client.PostJsonAsync(slug, "traces", new[] { Trace("t2"), Trace("t1", input: "A different question") });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var errors = await IngestionClient.ErrorsAsync(response);
        Assert.Contains("item 2: traceId 't1' already exists with different content (input differs)", errors);
        Assert.Equal(1, client.Count(slug, "ProductionTraces"));
    }

    [Fact]
    public async Task Feedback_is_stored_with_its_kind_and_csat_value_and_the_rollups_follow()
    {
        var slug = await client.NewProjectAsync();
        var events = new[]
        {
            Event("e1", "thumbs_up"), Event("e2", "thumbs_up"), Event("e3", "thumbs_down"), Event("e4", "csat", value: 4),
            Event("e5", "csat", value: 5), Event("e6", "rewrite"), Event("e7", "retry"), Event("e8", "undo"), Event("e9", "format_error"),
        };
        var response = await client.PostAsync(slug, "feedback", IngestionClient.Ndjson(events), "application/x-ndjson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(9, (await IngestionClient.JsonAsync(response)).GetProperty("accepted").GetInt32());

        // 10:05+01:00 is 09:05 UTC on 2 March: the rollup for that day holds every kind.
        Assert.Equal(2, client.Scalar($"""SELECT "ThumbsUp" FROM "DailyRollups" WHERE "Date" = '2026-03-02' AND "ProjectId" = {IngestionClient.ProjectOfSlug}""", slug));
        Assert.Equal(9, client.Scalar($"""
            SELECT "ThumbsUp" + "ThumbsDown" + "CsatCount" + "Rewrites" + "Retries" + "Undos" + "FormatErrors" FROM "DailyRollups"
            WHERE "ProjectId" = {IngestionClient.ProjectOfSlug}
            """, slug));

        var trends = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/trends?from=2026-03-01&to=2026-03-07&bucket=day"));
        var thumbs = Assert.Single(trends.GetProperty("series").GetProperty("thumbsUpRate").EnumerateArray());
        Assert.Equal("2026-03-02", thumbs.GetProperty("t").GetString());
        Assert.Equal(2.0 / 3, thumbs.GetProperty("value").GetDouble(), 10);
        Assert.Equal(3, thumbs.GetProperty("n").GetInt32());
        var csat = Assert.Single(trends.GetProperty("series").GetProperty("csat").EnumerateArray());
        Assert.Equal(4.5, csat.GetProperty("value").GetDouble(), 10);
    }

    [Fact]
    public async Task Resent_feedback_is_not_counted_twice_in_the_rollups()
    {
        var slug = await client.NewProjectAsync();
        var events = new[] { Event("e1", "thumbs_up"), Event("e2", "thumbs_down") };
        await client.PostJsonAsync(slug, "feedback", events);
        var again = await IngestionClient.JsonAsync(await client.PostJsonAsync(slug, "feedback", events));
        Assert.Equal(2, again.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, client.Scalar($"""SELECT "ThumbsUp" + "ThumbsDown" FROM "DailyRollups" WHERE "ProjectId" = {IngestionClient.ProjectOfSlug}""", slug));
    }

    /// <summary>
    /// A large request that repeats a stored event early (its batch and every later one written the skipping way) or
    /// only far in (after the batches a PostgreSQL insert tries without a conflict check are used up): each stored
    /// event is a duplicate, every other is stored once, and the rollups count each once.
    /// </summary>
    [Theory]
    [InlineData(10_000, 2_500)]
    [InlineData(40_000, 35_500)]
    public async Task A_large_request_repeating_a_stored_event_stores_everything_else_once(int events, int repeated)
    {
        var slug = await client.NewProjectAsync();
        object Thumb(int i) => new { eventId = $"x{i}", timestamp = "2026-03-02T10:05:00Z", kind = "thumbs_up" };
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync(slug, "feedback", new[] { Thumb(repeated), Thumb(repeated + 1) })).StatusCode);

        var response = await client.PostAsync(slug, "feedback", IngestionClient.Ndjson(Enumerable.Range(0, events).Select(Thumb)), "application/x-ndjson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await IngestionClient.JsonAsync(response);
        Assert.Equal(events - 2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(2, answer.GetProperty("duplicates").GetInt32());
        Assert.Equal(events, client.Count(slug, "FeedbackEvents"));
        Assert.Equal(events, client.Scalar($"""SELECT SUM("ThumbsUp") FROM "DailyRollups" WHERE "ProjectId" = {IngestionClient.ProjectOfSlug}""", slug));
    }

    [Fact]
    public async Task A_changed_csat_score_under_the_same_event_id_is_a_conflict()
    {
        var slug = await client.NewProjectAsync();
        await client.PostJsonAsync(slug, "feedback", new[] { Event("e1", "csat", value: 4) });
        var response = await client.PostJsonAsync(slug, "feedback", new[] { Event("e1", "csat", value: 2) });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("eventId 'e1' already exists with different content (value differs)", await IngestionClient.ErrorsAsync(response));
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        var slug = await client.NewProjectAsync();
        var response = await client.PostAsync(slug, "feedback",
            """[{"eventId":"e1","timestamp":"2026-03-02T10:00:00Z","kind":"undo","value":"ignored for undo","sessionColour":"blue"}]""",
            "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, client.Count(slug, "FeedbackEvents"));
    }

    [Fact]
    public async Task Metrics_arrive_as_json_or_csv_and_the_same_date_and_metric_updates()
    {
        var slug = await client.NewProjectAsync();
        var json = await client.PostJsonAsync(slug, "metrics", new[]
        {
            new { date = "2026-03-01", metric = "thumbsUpRate", value = 0.78, n = 1200 },
            new { date = "2026-03-01", metric = "csat", value = 4.2, n = 300 },
        });
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(2, (await IngestionClient.JsonAsync(json)).GetProperty("accepted").GetInt32());

        var csv = await client.PostAsync(slug, "metrics", "date,metric,value,n\n2026-03-01,thumbsUpRate,0.8,1250\n2026-03-01,csat,4.2,300\n2026-03-02,rewriteRate,0.09,1100\n", "text/csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var answer = await IngestionClient.JsonAsync(csv);
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("updated").GetInt32());
        Assert.Equal(1, answer.GetProperty("unchanged").GetInt32());
        Assert.Equal(3, client.Count(slug, "DailyMetrics"));

        var trends = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/trends?from=2026-03-01&to=2026-03-01&bucket=day"));
        Assert.Equal(0.8, trends.GetProperty("series").GetProperty("thumbsUpRate")[0].GetProperty("value").GetDouble(), 10);
        Assert.Equal(1250, trends.GetProperty("series").GetProperty("thumbsUpRate")[0].GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task A_body_over_32_mib_is_refused_with_413_whether_or_not_its_length_is_declared()
    {
        var slug = await client.NewProjectAsync();
        var declared = new ByteArrayContent(new byte[32 * 1024 * 1024 + 1]);
        declared.Headers.ContentType = new("application/x-ndjson");
        var response = await client.Api.PostAsync($"/api/v1/projects/{slug}/feedback", declared);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("32 MiB", await IngestionClient.ErrorsAsync(response));

        // Chunked: no Content-Length, the limit is found while reading.
        var chunked = new StreamContent(new MemoryStream(new byte[33 * 1024 * 1024]));
        chunked.Headers.ContentType = new("application/x-ndjson");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{slug}/feedback") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.Api.SendAsync(request)).StatusCode);
        Assert.Equal(0, client.CountAll(slug));
    }

    [Theory]
    [InlineData("traces", "text/plain")]
    [InlineData("traces", "text/csv")]
    [InlineData("feedback", "application/xml")]
    [InlineData("metrics", "application/x-ndjson")]
    [InlineData("bench-runs", "text/csv")]
    public async Task A_content_type_the_endpoint_does_not_read_is_415(string path, string contentType)
    {
        var slug = await client.NewProjectAsync();
        var response = await client.PostAsync(slug, path, "[]", contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains($"Content-Type '{contentType}' is not accepted", await IngestionClient.ErrorsAsync(response));
    }

    [Fact]
    public async Task An_unknown_project_is_404_and_a_key_for_another_project_is_403()
    {
        var response = await client.PostJsonAsync("no-such-project", "traces", new[] { Trace("t1") });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-project", await IngestionClient.ErrorsAsync(response));

        var slug = await client.NewProjectAsync();
        var other = await client.NewProjectAsync();
        var keys = app.Services.GetRequiredService<BenchDashboard.Features.ApiKeys.ApiKeyService>();
        var otherId = (int)client.Scalar("""SELECT "Id" FROM "Projects" WHERE "Slug" = @slug""", other);
        var (_, secret) = await keys.CreateAsync("limited ingest", BenchDashboard.Domain.ApiScopes.Ingest | BenchDashboard.Domain.ApiScopes.Read, otherId, "test");
        var limited = app.CreateApiClient(secret);
        Assert.Equal(HttpStatusCode.Forbidden, (await limited.PostAsync($"/api/v1/projects/{slug}/traces",
            IngestionClient.Content("[]", "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await limited.GetAsync($"/api/v1/projects/{slug}/trends")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await limited.PostAsync($"/api/v1/projects/{other}/traces",
            IngestionClient.Content("[]", "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Ingestion_needs_the_ingest_scope_and_a_key()
    {
        var slug = await client.NewProjectAsync();
        var keys = app.Services.GetRequiredService<BenchDashboard.Features.ApiKeys.ApiKeyService>();
        var (_, readOnly) = await keys.CreateAsync("read only", BenchDashboard.Domain.ApiScopes.Read, null, "test");
        var forbidden = await app.CreateApiClient(readOnly).PostAsync($"/api/v1/projects/{slug}/feedback", IngestionClient.Content("[]", "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var anonymous = await app.CreateApiClient(null).PostAsync($"/api/v1/projects/{slug}/feedback", IngestionClient.Content("[]", "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // A signed-in admin's browser cookie reads, but does not ingest: writes come from machines with keys.
        var browser = app.CreateBrowserClient();
        await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/v1/projects/{slug}/trends")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync($"/api/v1/projects/{slug}/feedback", IngestionClient.Content("[]", "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Projects_are_created_with_put_then_updated_and_the_slug_is_checked()
    {
        var slug = $"proj-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await client.Api.PutAsJsonAsync($"/api/v1/projects/{slug}", new { name = "First" })).StatusCode);
        var update = await client.Api.PutAsJsonAsync($"/api/v1/projects/{slug}", new { name = "Renamed", description = "Now with words" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var listed = (await IngestionClient.JsonAsync(await client.Api.GetAsync("/api/v1/projects"))).EnumerateArray()
            .Single(p => p.GetProperty("slug").GetString() == slug);
        Assert.Equal("Renamed", listed.GetProperty("name").GetString());
        Assert.Equal("Now with words", listed.GetProperty("description").GetString());

        var bad = await client.Api.PutAsJsonAsync("/api/v1/projects/Not_A_Slug", new { name = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("slug: 'Not_A_Slug' must be 2–64 characters", await IngestionClient.ErrorsAsync(bad));
        var noName = await client.Api.PutAsJsonAsync($"/api/v1/projects/{slug}", new { description = "x" });
        Assert.Contains("body: name: is required", await IngestionClient.ErrorsAsync(noName));

        var keys = app.Services.GetRequiredService<BenchDashboard.Features.ApiKeys.ApiKeyService>();
        var (_, ingestOnly) = await keys.CreateAsync("ingest only", BenchDashboard.Domain.ApiScopes.Ingest, null, "test");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateApiClient(ingestOnly).PutAsJsonAsync($"/api/v1/projects/{slug}", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task Versions_are_created_then_updated()
    {
        var slug = await client.NewProjectAsync();
        var created = await client.PostJsonAsync(slug, "versions", new { version = "v7", deployedAt = "2026-03-01T09:00:00Z", model = "m-1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var updated = await client.PostJsonAsync(slug, "versions", new { version = "v7", deployedAt = "2026-03-01T09:00:00Z", model = "m-2", notes = "hotfix" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(1, client.Count(slug, "PipelineVersions"));
        var trends = await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/trends?from=2026-02-01&to=2026-03-31"));
        var version = Assert.Single(trends.GetProperty("versions").EnumerateArray());
        Assert.Equal("v7", version.GetProperty("version").GetString());
        Assert.Equal("m-2", version.GetProperty("model").GetString());
        Assert.StartsWith("2026-03-01T09:00:00", version.GetProperty("deployedAt").GetString());
    }

    [Fact]
    public async Task Ingesting_is_not_audited_per_batch_but_metrics_versions_and_projects_are()
    {
        var slug = await client.NewProjectAsync();
        await client.PostJsonAsync(slug, "versions", new { version = "v1", deployedAt = "2026-03-01T09:00:00Z" });
        await client.PostJsonAsync(slug, "metrics", new[] { new { date = "2026-03-01", metric = "csat", value = 4.0, n = 10 } });
        await using var db = app.Database.CreateContext();
        var actions = db.AuditEvents.Where(e => e.Subject!.StartsWith($"project:{slug}")).Select(e => e.Action).ToList();
        Assert.Contains("project.created", actions);
        Assert.Contains("version.recorded", actions);
        Assert.Contains("metrics.imported", actions);
    }
}
