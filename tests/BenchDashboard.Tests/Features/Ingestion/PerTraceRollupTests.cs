using System.Text.Json;
using BenchDashboard.Domain;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Trends;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BenchDashboard.Tests.Features.Ingestion;

/// <summary>
/// Per-trace rates (rewrite, retry, undo, format error) count traces with the event over the traces of their day, never
/// events: feedback of unknown traces stays out (and is counted for the dashboard's note), a trace with two retries
/// counts once, and feedback that comes before its trace joins the trace's day when the trace arrives.
/// </summary>
public class PerTraceRollupTests : IAsyncLifetime
{
    private readonly TempDatabase database = new();
    private int projectId;
    private static readonly DateOnly Day = new(2026, 3, 2);
    private int eventNumber;

    public async ValueTask InitializeAsync()
    {
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var project = new Project { Slug = "per-trace", Name = "Per trace", CreatedAt = DateTime.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        projectId = project.Id;
    }

    public ValueTask DisposeAsync()
    {
        database.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string At(DateOnly day, int hour) => day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc).ToString("O");

    private static object Trace(string id, DateOnly day, string? category = null) => new { traceId = id, timestamp = At(day, 9), input = "q", category };

    private object Feedback(string? traceId, string kind, DateOnly? day = null, double? value = null) =>
        new { eventId = $"e{eventNumber++}", traceId, timestamp = At(day ?? Day, 10), kind, value };

    private async Task ImportAsync(ImportKind kind, IEnumerable<object> items)
    {
        var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(items));
        var result = await new IngestionService(database.Factory).ImportAsync(projectId, kind, body, BodyFormat.Json, ImportOptions.Store);
        Assert.True(result.Stored);
    }

    private Task<TrendsResult> TrendsAsync(DateOnly from, DateOnly to, string? category = null) =>
        new TrendsService(database.Factory).GetAsync(projectId, from, to, TrendBucket.Day, category);

    [Fact]
    public async Task Feedback_for_traces_never_sent_leaves_per_trace_rates_alone_and_is_counted_for_the_note()
    {
        await ImportAsync(ImportKind.Traces, Enumerable.Range(0, 10).Select(i => Trace($"t{i}", Day)));
        // One real rewrite, then an import of rewrites and retries for traces that were never sent, and some naming none.
        await ImportAsync(ImportKind.Feedback, [Feedback("t0", "rewrite")]);
        await ImportAsync(ImportKind.Feedback, Enumerable.Range(0, 40).Select(i => Feedback($"ghost-{i}", i % 2 == 0 ? "rewrite" : "retry"))
            .Append(Feedback(null, "rewrite")).Append(Feedback(null, "undo"))
            // Thumbs of unknown traces are answers all the same: the thumbs-up rate keeps them, the note does not count them.
            .Append(Feedback("ghost-0", "thumbs_down")).Append(Feedback("t1", "thumbs_up")));

        var trends = await TrendsAsync(Day, Day);
        var rewrite = Assert.Single(trends.Series[TrendMetrics.RewriteRate]);
        Assert.Equal((0.1, 10L), (rewrite.Value, rewrite.N));
        Assert.True(rewrite.High < 0.5, "the interval of 1 in 10 is nowhere near 100 %");
        var retry = Assert.Single(trends.Series[TrendMetrics.RetryRate]);
        Assert.Equal((0.0, 10L), (retry.Value, retry.N));
        Assert.Equal(42, trends.UnknownTraceFeedback);
        var thumbs = Assert.Single(trends.Series[TrendMetrics.ThumbsUpRate]);
        Assert.Equal((0.5, 2L), (thumbs.Value, thumbs.N));
        // A category's view shows the same note: those events belong to no category's traces either.
        await ImportAsync(ImportKind.Traces, [Trace("b1", Day, "billing")]);
        Assert.Equal(42, (await TrendsAsync(Day, Day, "billing")).UnknownTraceFeedback);
        Assert.Equal(0, (await TrendsAsync(Day.AddDays(1), Day.AddDays(3))).UnknownTraceFeedback);
    }

    [Fact]
    public async Task A_trace_with_several_retries_counts_once_whether_they_come_together_or_apart()
    {
        await ImportAsync(ImportKind.Traces, Enumerable.Range(0, 4).Select(i => Trace($"t{i}", Day)));
        await ImportAsync(ImportKind.Feedback, [Feedback("t0", "retry"), Feedback("t0", "retry"), Feedback("t1", "retry")]);
        await ImportAsync(ImportKind.Feedback, [Feedback("t0", "retry"), Feedback("t1", "retry"), Feedback("t1", "rewrite")]);

        var trends = await TrendsAsync(Day, Day);
        var retry = Assert.Single(trends.Series[TrendMetrics.RetryRate]);
        Assert.Equal((0.5, 4L), (retry.Value, retry.N));
        Assert.Equal(0.25, Assert.Single(trends.Series[TrendMetrics.RewriteRate]).Value, 10);
    }

    [Fact]
    public async Task Feedback_before_its_trace_joins_the_traces_day_and_category_when_the_trace_arrives()
    {
        // The rewrite is sent a day after the trace's day, and before the trace itself.
        await ImportAsync(ImportKind.Feedback, [Feedback("late", "rewrite", Day.AddDays(1)), Feedback("late", "rewrite", Day.AddDays(1))]);
        var before = await TrendsAsync(Day, Day.AddDays(1));
        Assert.Empty(before.Series[TrendMetrics.RewriteRate]);
        Assert.Equal(2, before.UnknownTraceFeedback);

        await ImportAsync(ImportKind.Traces, [Trace("late", Day, "billing"), Trace("other", Day, "shipping")]);

        var after = await TrendsAsync(Day, Day.AddDays(1));
        var rewrite = Assert.Single(after.Series[TrendMetrics.RewriteRate]);
        Assert.Equal(("2026-03-02", 0.5, 2L), (rewrite.T, rewrite.Value, rewrite.N));
        Assert.Equal(0, after.UnknownTraceFeedback);
        var billing = Assert.Single((await TrendsAsync(Day, Day.AddDays(1), "billing")).Series[TrendMetrics.RewriteRate]);
        Assert.Equal((1.0, 1L), (billing.Value, billing.N));
        Assert.Equal(0.0, Assert.Single((await TrendsAsync(Day, Day, "shipping")).Series[TrendMetrics.RewriteRate]).Value);
    }

    [Fact]
    public async Task Duplicates_and_rejected_requests_change_no_count()
    {
        await ImportAsync(ImportKind.Traces, [Trace("t0", Day), Trace("t1", Day)]);
        var retry = Feedback("t0", "retry");
        await ImportAsync(ImportKind.Feedback, [retry, Feedback("nobody", "undo")]);
        await ImportAsync(ImportKind.Feedback, [retry]);
        // A conflicting event id refuses the whole request: nothing of it may be counted.
        var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new[] { Feedback("t1", "retry"), new { eventId = "e0", traceId = "t1", timestamp = At(Day, 11), kind = "retry" } }));
        Assert.False((await new IngestionService(database.Factory).ImportAsync(projectId, ImportKind.Feedback, body, BodyFormat.Json, ImportOptions.Store)).Stored);

        var trends = await TrendsAsync(Day, Day);
        Assert.Equal((0.5, 2L), (trends.Series[TrendMetrics.RetryRate][0].Value, trends.Series[TrendMetrics.RetryRate][0].N));
        Assert.Equal(1, trends.UnknownTraceFeedback);
    }

    [Fact]
    public async Task Counts_kept_by_imports_equal_the_counts_the_migration_builds_from_the_raw_rows()
    {
        // Traces and feedback in every order over three days: known, early, unknown and trace-less feedback, repeats.
        var random = new Random(7);
        string[] kinds = ["rewrite", "retry", "undo", "format_error", "thumbs_up", "csat"];
        for (var batch = 0; batch < 6; batch++)
        {
            if (batch % 2 == 0)
            {
                await ImportAsync(ImportKind.Traces, Enumerable.Range(batch * 10, 10)
                    .Select(i => Trace($"t{i}", Day.AddDays(i % 3), i % 4 == 0 ? null : $"c{i % 3}")));
            }
            await ImportAsync(ImportKind.Feedback, Enumerable.Range(0, 40).Select(_ =>
            {
                var kind = kinds[random.Next(kinds.Length)];
                var trace = random.Next(12) switch { 0 => null, 1 => $"ghost-{random.Next(5)}", _ => $"t{random.Next(60)}" };
                return Feedback(trace, kind, Day.AddDays(random.Next(4)), kind == "csat" ? random.Next(1, 6) : null);
            }).ToList());
        }
        var kept = await PerTraceCountsAsync();
        Assert.Contains(kept, r => r.RewrittenTraces > 0);
        Assert.Contains(kept, r => r.UnknownTraceFeedback > 0);

        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE DailyRollups SET RewrittenTraces = 0, RetriedTraces = 0, UndoneTraces = 0, FormatErrorTraces = 0, UnknownTraceFeedback = 0
                """);
            await db.Database.ExecuteSqlRawAsync(BackfillStatement());
        }
        Assert.Equal(kept, await PerTraceCountsAsync());
    }

    [Fact]
    public async Task Upgrading_a_database_that_holds_feedback_builds_the_per_trace_counts_and_keeps_them_current()
    {
        using var old = new TempDatabase();
        await using (var db = old.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var previous = migrations[migrations.IndexOf("20261205020000_HonestRates") - 1];
            await db.GetService<IMigrator>().MigrateAsync(previous);
            // The rollups as the previous version kept them: event counts only.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Projects (Slug, Name, IsDemo, CreatedAt) VALUES ('old', 'Old', 0, '2026-01-01 00:00:00');
                INSERT INTO ProductionTraces (ProjectId, TraceId, Timestamp, Input, Category) VALUES
                    (1, 't1', '2026-03-02 10:00:00', 'q', 'billing'), (1, 't2', '2026-03-02 11:00:00', 'q', 'billing'), (1, 't3', '2026-03-03 10:00:00', 'q', NULL);
                INSERT INTO FeedbackEvents (ProjectId, EventId, TraceId, Timestamp, Kind, Value) VALUES
                    (1, 'e1', 't1', '2026-03-02 10:05:00', 'Retry', NULL), (1, 'e2', 't1', '2026-03-03 09:00:00', 'Retry', NULL),
                    (1, 'e3', 't1', '2026-03-02 10:06:00', 'Rewrite', NULL), (1, 'e4', 't3', '2026-03-03 10:05:00', 'Undo', NULL),
                    (1, 'e5', 'later', '2026-03-03 12:00:00', 'Rewrite', NULL), (1, 'e6', NULL, '2026-03-03 12:00:00', 'FormatError', NULL),
                    (1, 'e7', 'gone', '2026-03-03 12:00:00', 'ThumbsDown', NULL);
                INSERT INTO DailyRollups (ProjectId, Date, Category, Traces, ThumbsUp, ThumbsDown, CsatCount, CsatSum, CsatSumOfSquares, Rewrites, Retries, Undos, FormatErrors) VALUES
                    (1, '2026-03-02', 'billing', 2, 0, 0, 0, 0, 0, 1, 1, 0, 0), (1, '2026-03-03', 'billing', 0, 0, 0, 0, 0, 0, 0, 1, 0, 0),
                    (1, '2026-03-03', '', 1, 0, 1, 0, 0, 0, 1, 0, 1, 1);
                """);
        }
        await old.MigrateAsync();

        await using (var db = old.CreateContext())
        {
            var rollups = await db.DailyRollups.OrderBy(r => r.Date).ThenBy(r => r.Category).ToListAsync();
            Assert.Equal([("2026-03-02", "billing"), ("2026-03-03", ""), ("2026-03-03", "billing")],
                rollups.Select(r => (r.Date.ToString("yyyy-MM-dd"), r.Category)));
            // t1 retried twice (over two days) counts once, on its own day; the events of unknown traces are counted apart.
            Assert.Equal((1, 1, 0, 0, 0), (rollups[0].RewrittenTraces, rollups[0].RetriedTraces, rollups[0].UndoneTraces, rollups[0].FormatErrorTraces, rollups[0].UnknownTraceFeedback));
            Assert.Equal((0, 0, 1, 0, 2), (rollups[1].RewrittenTraces, rollups[1].RetriedTraces, rollups[1].UndoneTraces, rollups[1].FormatErrorTraces, rollups[1].UnknownTraceFeedback));
            Assert.Equal((1, 2), (rollups[1].Undos, rollups[0].Traces));
        }

        // The upgraded database keeps going: the trace named by an old event arrives and takes its rewrite.
        var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new[] { new { traceId = "later", timestamp = "2026-03-02T15:00:00Z", input = "q", category = "billing" } }));
        Assert.True((await new IngestionService(old.Factory).ImportAsync(1, ImportKind.Traces, body, BodyFormat.Json, ImportOptions.Store)).Stored);
        var trends = await new TrendsService(old.Factory).GetAsync(1, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3), TrendBucket.Day);
        Assert.Equal((2.0 / 3, 3L), (trends.Series[TrendMetrics.RewriteRate][0].Value, trends.Series[TrendMetrics.RewriteRate][0].N));
        Assert.Equal(1, trends.UnknownTraceFeedback);
    }

    private async Task<List<(DateOnly Date, string Category, long RewrittenTraces, long RetriedTraces, long UndoneTraces, long FormatErrorTraces,
        long UnknownTraceFeedback)>> PerTraceCountsAsync()
    {
        await using var db = database.CreateContext();
        return (await db.DailyRollups.Where(r => r.ProjectId == projectId).OrderBy(r => r.Date).ThenBy(r => r.Category).ToListAsync())
            .Select(r => (r.Date, r.Category, r.RewrittenTraces, r.RetriedTraces, r.UndoneTraces, r.FormatErrorTraces, r.UnknownTraceFeedback))
            .Where(r => r.RewrittenTraces + r.RetriedTraces + r.UndoneTraces + r.FormatErrorTraces + r.UnknownTraceFeedback != 0).ToList();
    }

    /// <summary>The migration's backfill: its statement that fills the new columns from the raw rows.</summary>
    private static string BackfillStatement()
    {
        var assembly = typeof(DailyRollup).Assembly;
        using var stream = assembly.GetManifestResourceStream("BenchDashboard.Data.Migrations.20261205020000_HonestRates.sql")!;
        var script = new StreamReader(stream).ReadToEnd();
        return script[script.IndexOf("INSERT INTO \"DailyRollups\"", StringComparison.Ordinal)..];
    }
}
