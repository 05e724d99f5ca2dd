using System.Globalization;
using System.Net;
using System.Text;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Ingestion;

/// <summary>
/// Issue 12, finding 4: a 100,000-result bench run (the probe's 5.5 MB) is stored whole, every result and every new case;
/// a second run over the same cases with one bad result at the very end stores nothing at all. (How fast is the
/// benchmark's business: docs/benchmarks.md, "Issue 12: bench-run import".)
/// </summary>
public abstract class LargeBenchRunTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : LargeBenchRunTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : LargeBenchRunTests(app), IClassFixture<PostgresAppFactory>;

    private const int Results = 100_000;
    private readonly IngestionClient client = new(app);

    /// <summary>Case i passes unless i is divisible by 7; its score is i/100,000; every tenth names a category.</summary>
    private static string RunJson(string runId, string startedAt, int count, string? badLast = null)
    {
        var json = new StringBuilder(count * 80);
        json.Append(CultureInfo.InvariantCulture, $$"""{"runId":"{{runId}}","version":"v-large","startedAt":"{{startedAt}}","rubricVersion":3,"results":[""");
        for (var i = 1; i <= count; i++)
        {
            if (i > 1) json.Append(',');
            if (i == count && badLast is not null)
            {
                json.Append(badLast);
                continue;
            }
            json.Append(CultureInfo.InvariantCulture, $$"""{"caseId":"case-{{i:D6}}","passed":{{(i % 7 != 0 ? "true" : "false")}},"score":{{i / 100_000.0}}""");
            if (i % 10 == 0) json.Append(",\"category\":\"cat-").Append(i % 4).Append('"');
            json.Append('}');
        }
        return json.Append("]}").ToString();
    }

    [Fact]
    public async Task A_100k_result_run_is_stored_whole_and_a_later_run_with_one_bad_result_stores_nothing()
    {
        var slug = await client.NewProjectAsync();
        var body = RunJson("large-1", "2026-03-02T10:00:00Z", Results);
        Assert.InRange(body.Length, 5_000_000, 7_000_000); // the size the probe sent

        var created = await client.PostAsync(slug, "bench-runs", body, "application/json");
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var summary = await IngestionClient.JsonAsync(created);
        var expectedPassed = Results - Results / 7;
        Assert.Equal(Results, summary.GetProperty("cases").GetInt32());
        Assert.Equal(expectedPassed, summary.GetProperty("passed").GetInt32());
        Assert.Equal(Results, summary.GetProperty("newCases").GetInt32());

        Assert.Equal(Results, client.Count(slug, "BenchCases"));
        Assert.Equal(Results, Scalar(slug, """SELECT COUNT(*) FROM "BenchResults" x JOIN "BenchRuns" r ON r."Id" = x."BenchRunId" WHERE r."ProjectId" = {project}"""));
        Assert.Equal(expectedPassed, Scalar(slug, """SELECT COUNT(*) FROM "BenchResults" x JOIN "BenchRuns" r ON r."Id" = x."BenchRunId" WHERE x."Passed" AND r."ProjectId" = {project}"""));
        // Every result points at its own case, with its own score; categories where sent; one version and rubric created.
        Assert.Equal(0, Scalar(slug, """
            SELECT COUNT(*) FROM "BenchResults" x JOIN "BenchCases" c ON c."Id" = x."BenchCaseId" JOIN "BenchRuns" r ON r."Id" = x."BenchRunId"
            WHERE r."ProjectId" = {project} AND (c."ProjectId" <> r."ProjectId" OR abs(x."Score" - CAST(substr(c."ExternalId", 6) AS INTEGER) / 100000.0) > 1e-12)
            """));
        Assert.Equal(Results / 10, Scalar(slug, """SELECT COUNT(*) FROM "BenchCases" WHERE "ProjectId" = {project} AND "Category" IS NOT NULL"""));
        Assert.Equal(Results, Scalar(slug, """SELECT COUNT(*) FROM "BenchCases" WHERE "ProjectId" = {project} AND """ + FirstSeenAt("2026-03-02 10:00:00") + """ AND "Status" = 'Active' AND "Source" = 'Imported'"""));
        Assert.Equal(1, client.Count(slug, "PipelineVersions"));
        Assert.Equal(1, client.Count(slug, "RubricVersions"));

        // The list and the comparison read it back through the API.
        var list = (await IngestionClient.JsonAsync(await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-runs"))).EnumerateArray().Single();
        Assert.Equal(Results, list.GetProperty("cases").GetInt32());
        Assert.Equal(expectedPassed, list.GetProperty("passed").GetInt32());

        // An earlier run over the same cases, broken in its very last result: a 400 naming it, and not one row more or changed.
        var dataVersion = Scalar(slug, """SELECT "DataVersion" FROM "Projects" WHERE "Id" = {project}""");
        var broken = await client.PostAsync(slug, "bench-runs",
            RunJson("large-0", "2026-03-01T10:00:00Z", Results, badLast: """{"caseId":"case-100000","passed":"maybe"}"""), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("results[99999]: passed: must be true or false, got a string", await IngestionClient.ErrorsAsync(broken));
        Assert.Equal(1, client.Count(slug, "BenchRuns"));
        Assert.Equal(Results, Scalar(slug, """SELECT COUNT(*) FROM "BenchResults" x JOIN "BenchRuns" r ON r."Id" = x."BenchRunId" WHERE r."ProjectId" = {project}"""));
        Assert.Equal(Results, Scalar(slug, """SELECT COUNT(*) FROM "BenchCases" WHERE "ProjectId" = {project} AND """ + FirstSeenAt("2026-03-02 10:00:00")));
        Assert.Equal(dataVersion, Scalar(slug, """SELECT "DataVersion" FROM "Projects" WHERE "Id" = {project}"""));

        // The same run whole: no new cases, and the cases now date from the earlier run.
        var earlier = await IngestionClient.JsonAsync(await client.PostAsync(slug, "bench-runs", RunJson("large-0", "2026-03-01T10:00:00Z", Results), "application/json"));
        Assert.Equal(0, earlier.GetProperty("newCases").GetInt32());
        Assert.Equal(2 * Results, Scalar(slug, """SELECT COUNT(*) FROM "BenchResults" x JOIN "BenchRuns" r ON r."Id" = x."BenchRunId" WHERE r."ProjectId" = {project}"""));
        Assert.Equal(Results, Scalar(slug, """SELECT COUNT(*) FROM "BenchCases" WHERE "ProjectId" = {project} AND """ + FirstSeenAt("2026-03-01 10:00:00")));
        Assert.True(Scalar(slug, """SELECT "DataVersion" FROM "Projects" WHERE "Id" = {project}""") > dataVersion);
    }

    private string FirstSeenAt(string utc) => app.Database.SqlTimeIs("\"FirstSeenAt\"", utc);

    private long Scalar(string slug, string sql) =>
        client.Scalar(sql.Replace("{project}", IngestionClient.ProjectOfSlug, StringComparison.Ordinal), slug);
}
