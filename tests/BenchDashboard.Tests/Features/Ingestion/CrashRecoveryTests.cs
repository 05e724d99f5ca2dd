using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BenchDashboard.Tests.Browser;
using Microsoft.Data.Sqlite;

namespace BenchDashboard.Tests.Features.Ingestion;

/// <summary>
/// Kills the real app (SIGKILL) while it is writing a large feedback batch, starts it again on the same SQLite file,
/// and checks that every acknowledged batch is there, the interrupted one is absent as a whole, and the rollups still
/// agree with the raw rows. This is the promise behind "re-send anything that was not acknowledged".
/// </summary>
[Trait("Category", "Process")]
public class CrashRecoveryTests
{
    private const string Key = "crash-test-key-0123456789abcdefghijklmnop";
    private const int AcknowledgedEvents = 10_000;
    private const int InterruptedEvents = 250_000;

    [Fact]
    public async Task Killing_the_app_mid_import_loses_no_acknowledged_data_and_leaves_no_partial_batch()
    {
        await using var app = new RunningAppHandle(new RunningApp(demo: false, new Dictionary<string, string>
        {
            ["BenchDashboard__Bootstrap__ApiKey"] = Key,
        }));
        await app.App.StartAsync();
        using var http = Client(app.App);
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsJsonAsync("/api/v1/projects/crash", new { name = "Crash" })).StatusCode);

        var acknowledged = await http.PostAsync("/api/v1/projects/crash/feedback", Ndjson("ack", AcknowledgedEvents));
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var walBefore = WalSize(app.App.DatabasePath);

        // The big batch: once its body is sent, the server writes it in one transaction, and SQLite spills the
        // uncommitted pages into the WAL file. That growth is the sign the import is under way: kill right then.
        var bodySent = new TaskCompletionSource();
        var interrupted = http.PostAsync("/api/v1/projects/crash/feedback", new SignallingContent(Ndjson("lost", InterruptedEvents), bodySent));
        await bodySent.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var watch = Stopwatch.StartNew();
        while (WalSize(app.App.DatabasePath) < walBefore + 4 * 1024 * 1024)
        {
            if (interrupted.IsCompleted)
            {
                var early = await interrupted;
                Assert.Fail($"The import answered {(int)early.StatusCode} before the WAL grew by 4 MB (WAL {WalSize(app.App.DatabasePath):N0} bytes, was {walBefore:N0}): {await early.Content.ReadAsStringAsync()}");
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "The import never started writing.");
            await Task.Delay(5);
        }
        await app.App.KillAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => interrupted);

        await app.App.StartAsync();
        Assert.Equal(AcknowledgedEvents, Count(app.App.DatabasePath, "SELECT COUNT(*) FROM FeedbackEvents WHERE EventId LIKE 'ack-%'"));
        Assert.Equal(0, Count(app.App.DatabasePath, "SELECT COUNT(*) FROM FeedbackEvents WHERE EventId LIKE 'lost-%'"));
        AssertRollupsMatchRawRows(app.App.DatabasePath);

        // The client re-sends what was never acknowledged, and it lands whole.
        using var again = Client(app.App);
        var resent = await again.PostAsync("/api/v1/projects/crash/feedback", Ndjson("lost", InterruptedEvents));
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(InterruptedEvents, Count(app.App.DatabasePath, "SELECT COUNT(*) FROM FeedbackEvents WHERE EventId LIKE 'lost-%'"));
        AssertRollupsMatchRawRows(app.App.DatabasePath);
    }

    private static HttpClient Client(RunningApp app)
    {
        var http = new HttpClient { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromMinutes(3) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return http;
    }

    private static ByteArrayContent Ndjson(string prefix, int count)
    {
        string[] kinds = ["thumbs_up", "thumbs_down", "rewrite", "retry", "undo", "format_error"];
        var text = new StringBuilder(count * 110);
        for (var i = 0; i < count; i++)
        {
            var day = 1 + i % 28;
            text.Append($$"""{"eventId":"{{prefix}}-{{i:D7}}","traceId":"tr-{{i:D7}}","timestamp":"2026-03-{{day:D2}}T10:00:00Z","kind":"{{kinds[i % kinds.Length]}}"}""").Append('\n');
        }
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text.ToString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }

    private static void AssertRollupsMatchRawRows(string databasePath)
    {
        var raw = Count(databasePath, "SELECT COUNT(*) FROM FeedbackEvents");
        var rolled = Count(databasePath, "SELECT COALESCE(SUM(ThumbsUp + ThumbsDown + CsatCount + Rewrites + Retries + Undos + FormatErrors), 0) FROM DailyRollups");
        Assert.Equal(raw, rolled);
        var perDay = Count(databasePath, """
            SELECT COUNT(*) FROM (SELECT ProjectId, Date, SUM(ThumbsUp) AS ThumbsUp FROM DailyRollups GROUP BY ProjectId, Date) r
            WHERE r.ThumbsUp <> (SELECT COUNT(*) FROM FeedbackEvents e WHERE e.ProjectId = r.ProjectId AND substr(e.Timestamp, 1, 10) = r.Date AND e.Kind = 'ThumbsUp')
            """);
        Assert.Equal(0, perDay);
    }

    private static long Count(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static long WalSize(string databasePath)
    {
        var wal = new FileInfo(databasePath + "-wal");
        return wal.Exists ? wal.Length : 0;
    }

    /// <summary>Reports when the whole body has been handed to the socket.</summary>
    private sealed class SignallingContent : HttpContent
    {
        private readonly HttpContent inner;
        private readonly TaskCompletionSource sent;

        public SignallingContent(HttpContent inner, TaskCompletionSource sent)
        {
            this.inner = inner;
            this.sent = sent;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await inner.CopyToAsync(stream);
            await stream.FlushAsync();
            sent.TrySetResult();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Disposes the app (kill and delete its database) at the end of the test.</summary>
    private sealed class RunningAppHandle(RunningApp app) : IAsyncDisposable
    {
        public RunningApp App => app;

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
