using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using BenchDashboard.Tests.Infrastructure;
using Npgsql;

namespace BenchDashboard.Tests.Instances;

/// <summary>
/// Ingestion with two app processes on one PostgreSQL database (issue 13, point 5; docs/deploy.md, "Losing an
/// instance"): imports into one project from both at once take turns and their rollups add up; and when one instance
/// dies in the middle of an import, every request it acknowledged is stored, the one it did not answer is stored whole
/// or not at all (the client sends it again), and the other instance serves on.
/// </summary>
[Trait("Category", "Process")]
public sealed class IngestAcrossInstancesTests
{
    private const int TracesPerBatch = 2_000;

    [Fact]
    public async Task Two_instances_ingesting_into_one_project_at_once_store_every_row_once_with_rollups_that_add_up()
    {
        await using var apps = await AppInstances.StartAsync(2);
        using var a = apps.ApiClient(0);
        using var b = apps.ApiClient(1);
        await CreateProjectAsync(a, "both");

        // Traces and their feedback, half through each instance, all at once; every batch is sent twice (once to each
        // instance), as a client that retries after a timeout would: the second copy must change nothing.
        var batches = Enumerable.Range(0, 6).Select(i => Traces($"t{i}", count: 500)).ToList();
        var sends = batches.SelectMany((body, i) => new[] { PostAsync(i % 2 == 0 ? a : b, "both", "traces", body), PostAsync(i % 2 == 0 ? b : a, "both", "traces", body) });
        var answers = await Task.WhenAll(sends);
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(6 * 500, answers.Sum(answer => answer.Accepted));

        var feedback = Enumerable.Range(0, 6).Select(i => ThumbsUp($"t{i}", count: 500)).ToList();
        var feedbackAnswers = await Task.WhenAll(feedback.Select((body, i) => PostAsync(i % 2 == 0 ? a : b, "both", "feedback", body)));
        Assert.All(feedbackAnswers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));

        await using var db = new NpgsqlConnection(apps.ConnectionString);
        await db.OpenAsync();
        Assert.Equal(3_000L, await ScalarAsync(db, """SELECT COUNT(*) FROM "ProductionTraces" t JOIN "Projects" p ON p."Id" = t."ProjectId" WHERE p."Slug" = 'both'"""));
        Assert.Equal(3_000L, await ScalarAsync(db, """SELECT COUNT(*) FROM "FeedbackEvents" f JOIN "Projects" p ON p."Id" = f."ProjectId" WHERE p."Slug" = 'both'"""));
        // The rollups were added inside each import's transaction, while the other instance added to the same days.
        Assert.Equal(3_000L, await ScalarAsync(db, """SELECT SUM("Traces") FROM "DailyRollups" r JOIN "Projects" p ON p."Id" = r."ProjectId" WHERE p."Slug" = 'both'"""));
        Assert.Equal(3_000L, await ScalarAsync(db, """SELECT SUM("ThumbsUp") FROM "DailyRollups" r JOIN "Projects" p ON p."Id" = r."ProjectId" WHERE p."Slug" = 'both' AND r."Category" = 'billing'"""));
    }

    [Fact]
    public async Task Killing_one_of_two_instances_mid_ingest_loses_nothing_acknowledged_and_the_other_keeps_serving()
    {
        await using var apps = await AppInstances.StartAsync(2);
        using var doomed = apps.ApiClient(0);
        using var survivor = apps.ApiClient(1);
        await CreateProjectAsync(survivor, "kill");

        // Instance 0 takes a stream of large imports; it is killed while it is busy with one of them.
        var acknowledged = new ConcurrentQueue<string>();
        var unanswered = new ConcurrentQueue<string>();
        var bodies = new ConcurrentDictionary<string, string>();
        var doomedStream = Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var prefix = $"dead{i}";
                bodies[prefix] = Traces(prefix, TracesPerBatch);
                try
                {
                    var answer = await PostAsync(doomed, "kill", "traces", bodies[prefix]);
                    Assert.Equal(HttpStatusCode.OK, answer.Status);
                    acknowledged.Enqueue(prefix);
                }
                catch (HttpRequestException)
                {
                    unanswered.Enqueue(prefix);
                    return;
                }
            }
        });
        // Meanwhile instance 1 takes its own stream into the same project, and must answer every request.
        var survivorAnswers = new ConcurrentQueue<HttpStatusCode>();
        using var stopSurvivor = new CancellationTokenSource();
        var survivorStream = Task.Run(async () =>
        {
            for (var i = 0; !stopSurvivor.IsCancellationRequested; i++)
            {
                survivorAnswers.Enqueue((await PostAsync(survivor, "kill", "traces", Traces($"live{i}", 200))).Status);
            }
        });

        await WaitUntilAsync(() => acknowledged.Count >= 3, "instance 0 acknowledged three imports");
        // The next import is on its way or being written when the process dies.
        await Task.Delay(150);
        await apps.KillAsync(0);
        var answeredAtKill = survivorAnswers.Count;
        await doomedStream.WaitAsync(TimeSpan.FromSeconds(60));
        await WaitUntilAsync(() => survivorAnswers.Count >= answeredAtKill + 3, "instance 1 answered three more imports after the kill");
        await stopSurvivor.CancelAsync();
        await survivorStream.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(survivorAnswers, status => Assert.Equal(HttpStatusCode.OK, status));
        var health = await survivor.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        await using var db = new NpgsqlConnection(apps.ConnectionString);
        await db.OpenAsync();
        // Every acknowledged import is there in full.
        foreach (var prefix in acknowledged) Assert.Equal((long)TracesPerBatch, await StoredAsync(db, prefix));
        // The one that got no answer is there whole or not at all: never a part.
        var lost = Assert.Single(unanswered);
        Assert.Contains(await StoredAsync(db, lost), new[] { 0L, TracesPerBatch });

        // The client sends it again to the instance that is left: afterwards it is stored exactly once.
        var resent = await PostAsync(survivor, "kill", "traces", bodies[lost]);
        Assert.Equal(HttpStatusCode.OK, resent.Status);
        Assert.Equal(TracesPerBatch, resent.Accepted + resent.Duplicates);
        Assert.Equal((long)TracesPerBatch, await StoredAsync(db, lost));
        // And the rollups agree with the rows, the killed transaction's additions rolled back with it.
        Assert.Equal(
            await ScalarAsync(db, """SELECT COUNT(*) FROM "ProductionTraces" t JOIN "Projects" p ON p."Id" = t."ProjectId" WHERE p."Slug" = 'kill'"""),
            await ScalarAsync(db, """SELECT SUM("Traces") FROM "DailyRollups" r JOIN "Projects" p ON p."Id" = r."ProjectId" WHERE p."Slug" = 'kill'"""));
    }

    private sealed record Answer(HttpStatusCode Status, int Accepted, int Duplicates);

    /// <summary>
    /// Posts as a client written against API.md does: a 503 (the project's write turn did not come within the busy
    /// timeout, which a dozen imports into one project on a loaded machine can take) or a 429 is sent again after its
    /// Retry-After, a few times; any other answer is final.
    /// </summary>
    private static async Task<Answer> PostAsync(HttpClient client, string project, string kind, string ndjson)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
            using var response = await client.PostAsync($"/api/v1/projects/{project}/{kind}", content);
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
            {
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
                await Task.Delay(response.Headers.RetryAfter!.Delta!.Value);
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK) return new Answer(response.StatusCode, 0, 0);
            var body = await response.Content.ReadFromJsonAsync<Dictionary<string, int>>();
            return new Answer(response.StatusCode, body!["accepted"], body["duplicates"]);
        }
    }

    private const int MaxAttempts = 5;

    private static async Task CreateProjectAsync(HttpClient client, string slug)
    {
        using var response = await client.PutAsJsonAsync($"/api/v1/projects/{slug}", new { name = $"Project {slug}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Traces <c>{prefix}-0…</c> over the last days, each with a few hundred characters of input.</summary>
    private static string Traces(string prefix, int count)
    {
        var text = new StringBuilder();
        var start = DateTime.UtcNow.Date.AddDays(-5);
        for (var i = 0; i < count; i++)
        {
            text.Append($$"""{"traceId":"{{prefix}}-{{i}}","timestamp":"{{start.AddMinutes(i * 3):yyyy-MM-ddTHH:mm:ssZ}}","category":"billing","input":"{{new string('x', 300)}} {{i}}","output":"fine"}""").Append('\n');
        }
        return text.ToString();
    }

    private static string ThumbsUp(string prefix, int count)
    {
        var text = new StringBuilder();
        var start = DateTime.UtcNow.Date.AddDays(-5);
        for (var i = 0; i < count; i++)
        {
            text.Append($$"""{"eventId":"e-{{prefix}}-{{i}}","traceId":"{{prefix}}-{{i}}","timestamp":"{{start.AddMinutes(i * 3 + 1):yyyy-MM-ddTHH:mm:ssZ}}","kind":"thumbs_up"}""").Append('\n');
        }
        return text.ToString();
    }

    private static Task<long> StoredAsync(NpgsqlConnection db, string prefix) =>
        ScalarAsync(db, $"""SELECT COUNT(*) FROM "ProductionTraces" WHERE "TraceId" LIKE '{prefix}-%'""");

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited two minutes for: {what}.");
            await Task.Delay(50);
        }
    }
}
