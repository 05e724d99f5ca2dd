using System.Data.Common;
using System.Net;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Data;

/// <summary>
/// Issue 12, finding 11: a full disk answered a bare 500 while /healthz said Healthy. The database is made full for real
/// with SQLite's <c>PRAGMA max_page_count</c> on every connection the app opens (SQLite then answers SQLITE_FULL, "database
/// or disk is full", exactly as on a full disk): writes answer 503 problem details in plain words, /healthz is Unhealthy
/// (503), reading still works, and everything recovers when there is room again.
/// </summary>
public class FullDatabaseTests(FullDatabaseTests.Factory app) : IClassFixture<FullDatabaseTests.Factory>
{
    private readonly IngestionClient client = new(app);

    /// <summary>The app with a switch that caps the database at its current size on every connection it opens.</summary>
    public sealed class Factory : AppFactory
    {
        public SizeCap Cap { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(Cap)));
        }
    }

    /// <summary><c>max_page_count</c> is a per-connection setting, and a value below the file's size means "as it is now".</summary>
    public sealed class SizeCap : DbConnectionInterceptor
    {
        public volatile bool On;

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = On ? "PRAGMA max_page_count = 1" : "PRAGMA max_page_count = 1073741823";
            command.ExecuteNonQuery();
        }
    }

    private static string FeedbackBody(int count) => IngestionClient.Ndjson(Enumerable.Range(1, count)
        .Select(i => (object)new { eventId = $"full-{i:D6}", timestamp = "2026-03-01T10:00:00Z", kind = "thumbs_up" }));

    [Fact]
    public async Task A_full_database_answers_503_in_plain_words_and_healthz_is_unhealthy_until_there_is_room()
    {
        var slug = await client.NewProjectAsync();
        Assert.Equal("Healthy", await app.CreateClient().GetStringAsync("/healthz"));
        // No free pages left inside the file: every new row needs the file to grow.
        using (var connection = new SqliteConnection(app.Database.ConnectionString))
        {
            connection.Open();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM";
            vacuum.ExecuteNonQuery();
        }

        app.Cap.On = true;
        try
        {
            var feedback = await client.PostAsync(slug, "feedback", FeedbackBody(5_000), "application/x-ndjson");
            var run = await client.PostJsonAsync(slug, "bench-runs", new
            {
                runId = "full-run", version = "v1", startedAt = "2026-03-01T10:00:00Z",
                results = Enumerable.Range(1, 2_000).Select(i => new { caseId = $"case-{i:D5}", passed = i % 2 == 0 }),
            });
            foreach (var (name, response) in new[] { ("feedback", feedback), ("bench run", run) })
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name}: {(int)response.StatusCode} {text}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = JsonDocument.Parse(text).RootElement;
                Assert.Equal("Storage full", problem.GetProperty("title").GetString());
                Assert.Contains("disk (or its database size limit) is full, so nothing from this request was stored", problem.GetProperty("detail").GetString());
                // Nothing to retry soon: an administrator has to act.
                Assert.False(response.Headers.Contains("Retry-After"), name);
                Assert.DoesNotContain("SqliteException", text);
                Assert.DoesNotContain(" at ", text);
            }

            var health = await app.CreateClient().GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
            // Reading never needed room.
            Assert.Equal(HttpStatusCode.OK, (await client.Api.GetAsync($"/api/v1/projects/{slug}/bench-runs")).StatusCode);
        }
        finally
        {
            app.Cap.On = false;
        }

        Assert.Equal(0, client.Count(slug, "FeedbackEvents"));
        Assert.Equal(0, client.Count(slug, "BenchRuns"));
        Assert.Equal("Healthy", await app.CreateClient().GetStringAsync("/healthz"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(slug, "feedback", FeedbackBody(5_000), "application/x-ndjson")).StatusCode);
        Assert.Equal(5_000, client.Count(slug, "FeedbackEvents"));
    }
}
