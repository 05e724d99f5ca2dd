using System.Net;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Tests.Data;

/// <summary>
/// Issue 12, finding 4: while another writer holds SQLite's write lock, a bench-run post, a feedback post and a sign-in
/// used to wait 30 s and answer 500 ("database is locked"). They answer 503 with Retry-After now (after the busy timeout),
/// /healthz calls the database Degraded rather than down, and the same requests succeed once the lock is released.
/// </summary>
public class BusyDatabaseTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly IngestionClient client = new(app);

    private static readonly object Run = new
    {
        runId = "busy-run", version = "v1", startedAt = "2026-03-01T10:00:00Z",
        results = new[] { new { caseId = "c1", passed = true }, new { caseId = "c2", passed = false } },
    };

    private static readonly object[] Feedback = [new { eventId = "busy-1", timestamp = "2026-03-01T10:00:00Z", kind = "thumbs_up" }];

    /// <summary>Another process's write transaction (BEGIN IMMEDIATE takes the write lock at once), held until disposed.</summary>
    private SqliteTransaction HoldWriteLock(out SqliteConnection connection)
    {
        connection = new SqliteConnection(app.Database.ConnectionString);
        connection.Open();
        return connection.BeginTransaction(deferred: false);
    }

    [Fact]
    public async Task Writes_while_another_writer_holds_the_lock_answer_503_with_retry_after_and_succeed_afterwards()
    {
        var slug = await client.NewProjectAsync();
        using var browser = app.CreateBrowserClient();
        var token = AppFactory.AntiforgeryToken(await browser.GetStringAsync("/account/login"));

        HttpResponseMessage benchRun, feedback, signIn, health;
        var transaction = HoldWriteLock(out var connection);
        try
        {
            var posts = new[]
            {
                client.PostJsonAsync(slug, "bench-runs", Run),
                client.PostJsonAsync(slug, "feedback", Feedback),
                browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["_handler"] = "login", ["__RequestVerificationToken"] = token,
                    ["Input.Email"] = AppFactory.AdminEmail, ["Input.Password"] = AppFactory.AdminPassword,
                })),
                app.CreateClient().GetAsync("/healthz"),
            };
            var answers = await Task.WhenAll(posts);
            (benchRun, feedback, signIn, health) = (answers[0], answers[1], answers[2], answers[3]);
        }
        finally
        {
            transaction.Dispose();
            connection.Dispose();
        }

        foreach (var (name, response) in new[] { ("bench run", benchRun), ("feedback", feedback) })
        {
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var detail = await IngestionClient.ErrorsAsync(response);
            Assert.Contains("Another write to the database is in progress; nothing from this request was stored. Try again in 5 seconds.", detail);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.Equal("5", signIn.Headers.GetValues("Retry-After").Single());
        var page = await signIn.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"storage-error\"", page);
        Assert.Contains("Another write to the database is in progress", page);
        Assert.DoesNotContain("SqliteException", page);
        // An import in progress is no reason to take the instance out of service.
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
        Assert.Equal(0, client.Count(slug, "BenchRuns"));

        // The lock is gone: the same requests go through.
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(slug, "bench-runs", Run)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync(slug, "feedback", Feedback)).StatusCode);
        Assert.Equal("Healthy", await app.CreateClient().GetStringAsync("/healthz"));
        using var signedIn = await AppFactory.SignInAsync(app.CreateBrowserClient(), AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }
}
