using System.Net;
using System.Text.Json;
using BenchDashboard.Domain;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Admin;
using BenchDashboard.Features.Audit;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Admin;

/// <summary>
/// Issue 12, finding 2: an admin deletes a project's data in a range of days. Exactly the range goes, the dashboard
/// afterwards is what it would be had those rows never arrived, the deletion is audited, and nobody else can do it.
/// </summary>
public abstract class DataDeletionTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : DataDeletionTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : DataDeletionTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private const string Ndjson = "application/x-ndjson";
    private static readonly DateOnly RangeFrom = new(2026, 3, 3), RangeTo = new(2026, 3, 5);

    private static bool InRange(string timestamp) =>
        DateOnly.FromDateTime(DateTime.Parse(timestamp, null, System.Globalization.DateTimeStyles.AdjustToUniversal)) is var day && day >= RangeFrom && day < RangeTo;

    /// <summary>
    /// Six days of traces in two categories with thumbs, CSAT, rewrites two days after their trace (so some cross the
    /// range's edges), retries, feedback of an unknown trace, and daily aggregates.
    /// </summary>
    private static (List<Dictionary<string, object>> Traces, List<Dictionary<string, object>> Feedback, List<Dictionary<string, object>> Metrics) Data()
    {
        var traces = new List<Dictionary<string, object>>();
        var feedback = new List<Dictionary<string, object>>();
        var metrics = new List<Dictionary<string, object>>();
        for (var d = 1; d <= 6; d++)
        {
            for (var i = 0; i < 4; i++)
            {
                var id = $"t{d}-{i}";
                var at = new DateTime(2026, 3, d, 10, i, 0, DateTimeKind.Utc);
                traces.Add(new() { ["traceId"] = id, ["timestamp"] = Iso(at), ["input"] = new string('x', 10 + 40 * i + d), ["category"] = i % 2 == 0 ? "billing" : "shipping" });
                feedback.Add(new() { ["eventId"] = $"e-{id}-thumb", ["traceId"] = id, ["timestamp"] = Iso(at.AddMinutes(1)), ["kind"] = i % 3 == 0 ? "thumbs_down" : "thumbs_up" });
                if (i < 2) feedback.Add(new() { ["eventId"] = $"e-{id}-csat", ["traceId"] = id, ["timestamp"] = Iso(at.AddMinutes(2)), ["kind"] = "csat", ["value"] = 1 + (d + i) % 5 });
                if (i == 0) feedback.Add(new() { ["eventId"] = $"e-{id}-rewrite", ["traceId"] = id, ["timestamp"] = Iso(at.AddDays(2)), ["kind"] = "rewrite" });
                if (i == 1) feedback.Add(new() { ["eventId"] = $"e-{id}-retry", ["traceId"] = id, ["timestamp"] = Iso(at.AddMinutes(3)), ["kind"] = "retry" });
            }
            feedback.Add(new() { ["eventId"] = $"e-ghost-{d}", ["traceId"] = $"ghost-{d}", ["timestamp"] = Iso(new DateTime(2026, 3, d, 12, 0, 0, DateTimeKind.Utc)), ["kind"] = "undo" });
            metrics.Add(new() { ["date"] = $"2026-03-{d:00}", ["metric"] = "csat", ["value"] = 3.5 + d / 10.0, ["n"] = 100 });
        }
        return (traces, feedback, metrics);
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private async Task ImportAsync(string slug, IEnumerable<Dictionary<string, object>> traces, IEnumerable<Dictionary<string, object>> feedback,
        IEnumerable<Dictionary<string, object>> metrics)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(slug, "traces", IngestionClient.Ndjson(traces), Ndjson)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(slug, "feedback", IngestionClient.Ndjson(feedback), Ndjson)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync(slug, "metrics", metrics)).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_range_removes_exactly_it_and_leaves_the_trends_of_never_having_imported_it()
    {
        var (traces, feedback, metrics) = Data();
        var deleted = await client.NewProjectAsync("del");
        await ImportAsync(deleted, traces, feedback, metrics);
        // The same project had the range never arrived.
        var never = await client.NewProjectAsync("never");
        await ImportAsync(never, traces.Where(t => !InRange((string)t["timestamp"])), feedback.Where(f => !InRange((string)f["timestamp"])),
            metrics.Where(m => DateOnly.Parse((string)m["date"]) is var day && (day < RangeFrom || day >= RangeTo)));

        var preview = await client.PostJsonAsync(deleted, "data-deletions", new { from = "2026-03-03", to = "2026-03-05" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var counts = await IngestionClient.JsonAsync(preview);
        Assert.False(counts.GetProperty("deleted").GetBoolean());
        var expected = (Traces: traces.Count(t => InRange((string)t["timestamp"])), Feedback: feedback.Count(f => InRange((string)f["timestamp"])), Metrics: 2);
        Assert.Equal(expected, (counts.GetProperty("traces").GetInt32(), counts.GetProperty("feedback").GetInt32(), counts.GetProperty("metrics").GetInt32()));
        Assert.Equal(traces.Count + feedback.Count + metrics.Count, client.Count(deleted, "ProductionTraces") + client.Count(deleted, "FeedbackEvents") + client.Count(deleted, "DailyMetrics"));

        var done = await client.PostJsonAsync(deleted, "data-deletions", new
        {
            from = "2026-03-03", to = "2026-03-05",
            confirm = new { traces = expected.Traces, feedback = expected.Feedback, metrics = expected.Metrics, tracesKept = 0 },
        });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.True((await IngestionClient.JsonAsync(done)).GetProperty("deleted").GetBoolean());

        // Exactly the range: what is left is what the other project holds.
        foreach (var table in new[] { "ProductionTraces", "FeedbackEvents", "DailyMetrics" })
        {
            Assert.Equal(client.Count(never, table), client.Count(deleted, table));
        }
        var (from, to) = (app.Database.SqlTime("2026-03-03 00:00:00"), app.Database.SqlTime("2026-03-05 00:00:00"));
        Assert.Equal(0, client.Scalar($"""
            SELECT (SELECT COUNT(*) FROM "ProductionTraces" t WHERE t."ProjectId" = p."Id" AND t."Timestamp" >= {from} AND t."Timestamp" < {to})
                 + (SELECT COUNT(*) FROM "FeedbackEvents" f WHERE f."ProjectId" = p."Id" AND f."Timestamp" >= {from} AND f."Timestamp" < {to})
            FROM "Projects" p WHERE p."Slug" = @slug
            """, deleted));
        // Trends (all metrics, per day, whole project and one category) and the stored rollups and histograms agree.
        foreach (var query in new[] { "from=2026-02-25&to=2026-03-12&bucket=day", "from=2026-02-25&to=2026-03-12&bucket=week&category=billing" })
        {
            Assert.Equal(await SeriesAsync(never, query), await SeriesAsync(deleted, query));
        }
        Assert.Equal(Rows(never, "DailyRollups"), Rows(deleted, "DailyRollups"));
        Assert.Equal(Rows(never, "DailyInputLengths"), Rows(deleted, "DailyInputLengths"));
        Assert.NotEmpty(Rows(deleted, "DailyRollups"));

        // Audited: who, which project, which range, how many rows.
        await using var db = app.Database.CreateContext();
        var entry = Assert.Single(db.AuditEvents.Where(e => e.Action == AuditActions.ProjectDataDeleted && e.Subject == $"project:{deleted}").ToList());
        Assert.StartsWith("api-key:", entry.Actor);
        using var payload = JsonDocument.Parse(entry.PayloadJson!);
        Assert.Equal("2026-03-03", payload.RootElement.GetProperty("from").GetString());
        Assert.Equal("2026-03-05", payload.RootElement.GetProperty("to").GetString());
        Assert.Equal(expected.Traces, payload.RootElement.GetProperty("traces").GetInt32());
        Assert.Equal(expected.Feedback, payload.RootElement.GetProperty("feedback").GetInt32());
    }

    [Fact]
    public async Task Counts_that_changed_since_the_confirmation_delete_nothing()
    {
        var slug = await client.NewProjectAsync("moved");
        var (traces, feedback, metrics) = Data();
        await ImportAsync(slug, traces, feedback, metrics);
        var before = client.CountAll(slug);

        var response = await client.PostJsonAsync(slug, "data-deletions", new
        {
            from = "2026-03-03", to = "2026-03-05", confirm = new { traces = 1, feedback = 1, metrics = 1, tracesKept = 0 },
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, client.CountAll(slug));
    }

    [Fact]
    public async Task Only_admins_may_delete()
    {
        var slug = await client.NewProjectAsync("guard");
        var (traces, feedback, metrics) = Data();
        await ImportAsync(slug, traces, feedback, metrics);
        var before = client.CountAll(slug);
        var body = new { from = "2000-01-01", confirm = new { traces = traces.Count, feedback = feedback.Count, metrics = metrics.Count, tracesKept = 0 } };

        // A key with every scope but admin.
        var (_, secret) = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("no admin", ApiScopes.Ingest | ApiScopes.Read | ApiScopes.Report, null, "test");
        var withoutAdmin = app.CreateApiClient(secret);
        var refused = await withoutAdmin.PostAsync($"/api/v1/projects/{slug}/data-deletions", IngestionClient.Content(JsonSerializer.Serialize(body), "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        // A signed-in admin's cookie does not reach the API's admin endpoints either: the page is the way for people.
        var browser = app.CreateBrowserClient();
        await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword);
        var cookie = await browser.PostAsync($"/api/v1/projects/{slug}/data-deletions", IngestionClient.Content(JsonSerializer.Serialize(body), "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, cookie.StatusCode);

        Assert.Equal(before, client.CountAll(slug));
        await using var db = app.Database.CreateContext();
        Assert.False(db.AuditEvents.Any(e => e.Subject == $"project:{slug}" && e.Action == AuditActions.ProjectDataDeleted));
    }

    private async Task<string> SeriesAsync(string slug, string query)
    {
        var response = await client.Api.GetAsync($"/api/v1/projects/{slug}/trends?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await IngestionClient.JsonAsync(response);
        return json.GetProperty("series").GetRawText() + json.GetProperty("unknownTraceFeedback").GetRawText();
    }

    /// <summary>The project's rows of a rollup table as text, all-zero rows left out (an import may leave one behind).</summary>
    private List<string> Rows(string slug, string table)
    {
        using var connection = app.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"ProjectId\" = {IngestionClient.ProjectOfSlug}";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "slug";
        parameter.Value = slug;
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var cells = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != "ProjectId").Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var counts = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) is not ("ProjectId" or "Date" or "Category" or "MinLength")).Select(reader.GetValue);
            if (counts.All(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) == 0)) continue;
            rows.Add(string.Join("|", cells));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
