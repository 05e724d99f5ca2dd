using System.Net;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Trends;

/// <summary>
/// Issue 12, finding 2: rows stored at 9999-12-31 before such times were refused used to stretch the "All" range past
/// the calendar's end, and Trends and Signals answered 500 for everyone. Views clamp to the accepted days now, and an
/// admin can delete the bad rows.
/// </summary>
public abstract class FarFutureDataTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : FarFutureDataTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : FarFutureDataTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    [Fact]
    public async Task A_project_holding_rows_dated_9999_still_opens_and_the_rows_can_be_deleted()
    {
        var slug = await client.NewProjectAsync("future");
        var traces = Enumerable.Range(0, 6).Select(i => new { traceId = $"t{i}", timestamp = $"2026-03-0{1 + i}T10:00:00Z", input = "hello", category = "billing" });
        var feedback = Enumerable.Range(0, 6).Select(i => new { eventId = $"e{i}", traceId = $"t{i}", timestamp = $"2026-03-0{1 + i}T10:05:00Z", kind = "thumbs_up" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync(slug, "traces", traces)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync(slug, "feedback", feedback)).StatusCode);
        // What the imports stored before the fix: an event, its rollup, a daily aggregate and a bench run at the calendar's end.
        Execute(slug, $"""
            INSERT INTO "FeedbackEvents" ("ProjectId", "EventId", "TraceId", "Timestamp", "Kind", "Value") VALUES (@p, 'far', NULL, {app.Database.SqlTime("9999-12-31 23:59:59")}, 'ThumbsUp', NULL);
            INSERT INTO "DailyRollups" ("ProjectId", "Date", "Category", "Traces", "ThumbsUp", "ThumbsDown", "CsatCount", "CsatSum", "CsatSumOfSquares", "Rewrites", "Retries", "Undos", "FormatErrors")
                VALUES (@p, '9999-12-31', '', 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
            INSERT INTO "DailyMetrics" ("ProjectId", "Date", "Metric", "Value", "N") VALUES (@p, '9999-12-31', 'csat', 4.0, 10);
            INSERT INTO "PipelineVersions" ("ProjectId", "Version", "DeployedAt") VALUES (@p, 'v-far', {app.Database.SqlTime("9999-12-31 00:00:00")});
            INSERT INTO "BenchRuns" ("ProjectId", "RunId", "PipelineVersionId", "StartedAt")
                VALUES (@p, 'run-far', (SELECT "Id" FROM "PipelineVersions" WHERE "ProjectId" = @p AND "Version" = 'v-far'), {app.Database.SqlTime("9999-12-31 00:00:00")});
            UPDATE "Projects" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = @p;
            """);

        var browser = app.CreateBrowserClient();
        await AppFactory.SignInAsync(browser, AppFactory.AdminEmail, AppFactory.AdminPassword);
        // The pages render on the server first: an overflow there is the 500 the probe saw.
        foreach (var (page, rendered) in new[] { ($"/p/{slug}/trends?range=all", "data-testid=\"window\""), ($"/p/{slug}/trends?range=all&bucket=month", "data-testid=\"window\""),
                     ($"/p/{slug}/trends?range=30d", "data-testid=\"window\""), ($"/p/{slug}/signals", "data-testid=\"signal-") })
        {
            var response = await browser.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            Assert.Contains(rendered, await response.Content.ReadAsStringAsync());
        }
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1));
        foreach (var api in new[] { "trends", "trends?from=2026-03-01", $"trends?from=2026-03-01&to={tomorrow:yyyy-MM-dd}&bucket=month", "signals", $"signals?asOf={tomorrow:yyyy-MM-dd}" })
        {
            var response = await client.Api.GetAsync($"/api/v1/projects/{slug}/{api}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{api}: {(int)response.StatusCode}");
        }

        // The admin deletes everything from the day after tomorrow on: exactly the far-future event and aggregate.
        var from = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd");
        var preview = await IngestionClient.JsonAsync(await client.PostJsonAsync(slug, "data-deletions", new { from }));
        Assert.Equal((0, 1, 1), (preview.GetProperty("traces").GetInt32(), preview.GetProperty("feedback").GetInt32(), preview.GetProperty("metrics").GetInt32()));
        var done = await client.PostJsonAsync(slug, "data-deletions", new { from, confirm = new { traces = 0, feedback = 1, metrics = 1, tracesKept = 0 } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(6, client.Count(slug, "FeedbackEvents"));
        Assert.Equal(0, client.Count(slug, "DailyMetrics"));
        Assert.Equal(0, client.Scalar($"""SELECT COUNT(*) FROM "DailyRollups" WHERE "Date" >= '2027-01-01' AND "ProjectId" = {IngestionClient.ProjectOfSlug}""", slug));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/p/{slug}/trends?range=all")).StatusCode);
    }

    private void Execute(string slug, string sql)
    {
        using var connection = app.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var project = command.CreateParameter();
        project.ParameterName = "p";
        project.Value = (int)client.Scalar("""SELECT "Id" FROM "Projects" WHERE "Slug" = @slug""", slug);
        command.Parameters.Add(project);
        command.ExecuteNonQuery();
    }
}
