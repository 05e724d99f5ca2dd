using BenchDashboard.Data;
using System.Text.Json;
using BenchDashboard.Domain;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Trends;
using BenchDashboard.Infrastructure.Api;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Ingestion;

/// <summary>
/// Per-trace rates (rewrite, retry, undo, format error) count traces with the event over the traces of their day, never
/// events: feedback of unknown traces stays out (and is counted for the dashboard's note), a trace with two retries
/// counts once, and feedback that comes before its trace joins the trace's day when the trace arrives.
/// </summary>
public abstract class PerTraceRollupTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : PerTraceRollupTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : PerTraceRollupTests(DatabaseProvider.Postgres);

    private readonly TestDatabase database = TestDatabase.Create(provider);
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
    public async Task Counts_kept_by_imports_equal_the_counts_built_from_the_raw_rows()
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
                UPDATE "DailyRollups" SET "RewrittenTraces" = 0, "RetriedTraces" = 0, "UndoneTraces" = 0, "FormatErrorTraces" = 0, "UnknownTraceFeedback" = 0
                """);
            await db.Database.ExecuteSqlRawAsync(BackfillStatement(database.Dialect));
        }
        Assert.Equal(kept, await PerTraceCountsAsync());
    }

    [Fact]
    public async Task Imports_into_one_project_at_once_keep_the_counts_built_from_the_raw_rows()
    {
        // Feedback imports insert side by side and take the project's turn only to count (IRowSink.DefersProjectTurn).
        // Six of them, every one retrying each stored trace, and a trace import whose traces they name before the traces
        // exist, all wait at the turn at once (on PostgreSQL; SQLite runs them one after another). Each trace must count
        // once per kind, whichever committed first.
        var stored = Enumerable.Range(0, 300).Select(i => $"s{i}").ToList();
        var racing = Enumerable.Range(0, 100).Select(i => $"r{i}").ToList();
        await ImportAsync(ImportKind.Traces, stored.Select((id, i) => Trace(id, Day.AddDays(i % 3), i % 2 == 0 ? "billing" : "refunds")));
        var feedback = Enumerable.Range(0, 6).Select(request =>
            stored.Select(id => Feedback(id, "retry", Day.AddDays(request % 3)))
                .Concat(racing.Select(id => Feedback(id, request % 2 == 0 ? "rewrite" : "undo", Day.AddDays(1))))
                .Concat(Enumerable.Range(0, 20).Select(_ => Feedback(null, "thumbs_up")))
                .ToList()).ToList();

        var imports = new List<Task>();
        await using (var turn = await ProjectTurnHold.TakeAsync(database, projectId))
        {
            imports.AddRange(feedback.Select(items => Task.Run(() => ImportAsync(ImportKind.Feedback, items))));
            // Every feedback import has inserted its rows and waits to count them; the trace import waits before it writes.
            await (turn?.WaitForWaitersAsync(6) ?? Task.CompletedTask);
            imports.Add(Task.Run(() => ImportAsync(ImportKind.Traces, racing.Select(id => Trace(id, Day, "late")))));
            await (turn?.WaitForWaitersAsync(7) ?? Task.CompletedTask);
        }
        await Task.WhenAll(imports);

        var kept = await AllCountsAsync(rebuild: false);
        Assert.Equal(300L, kept.Sum(r => r.RetriedTraces));
        Assert.Equal(100L, kept.Sum(r => r.RewrittenTraces));
        Assert.Equal(100L, kept.Sum(r => r.UndoneTraces));
        Assert.Equal(6L * 300, kept.Sum(r => r.Retries));
        Assert.Equal(kept, await AllCountsAsync(rebuild: true));
    }

    /// <summary>
    /// Every rollup of the project as stored, or as <see cref="RollupRebuild"/> computes them from the raw rows (inside a
    /// transaction that is rolled back).
    /// </summary>
    private async Task<List<(string Date, string Category, long Traces, long ThumbsUp, long Retries, long Rewrites, long Undos,
        long RetriedTraces, long RewrittenTraces, long UndoneTraces, long UnknownTraceFeedback)>> AllCountsAsync(bool rebuild)
    {
        await using var connection = database.OpenConnection();
        await using var transaction = await connection.BeginTransactionAsync();
        if (rebuild) RollupRebuild.Rollups(new ImportSession(connection, transaction, database.Dialect, projectId));
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT "Date", "Category", "Traces", "ThumbsUp", "Retries", "Rewrites", "Undos", "RetriedTraces", "RewrittenTraces", "UndoneTraces",
                   "UnknownTraceFeedback"
            FROM "DailyRollups" WHERE "ProjectId" = @p ORDER BY "Date", "Category"
            """;
        var p = command.CreateParameter();
        p.ParameterName = "@p";
        p.Value = projectId;
        command.Parameters.Add(p);
        var rows = new List<(string, string, long, long, long, long, long, long, long, long, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                long N(int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
                rows.Add((Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, reader.GetString(1),
                    N(2), N(3), N(4), N(5), N(6), N(7), N(8), N(9), N(10)));
            }
        }
        await transaction.RollbackAsync();
        // Days with nothing left (rebuild writes no such row) are not counts.
        return rows.Where(r => r.Item3 + r.Item4 + r.Item5 + r.Item6 + r.Item7 + r.Item11 != 0).ToList();
    }

    private async Task<List<(DateOnly Date, string Category, long RewrittenTraces, long RetriedTraces, long UndoneTraces, long FormatErrorTraces,
        long UnknownTraceFeedback)>> PerTraceCountsAsync()
    {
        await using var db = database.CreateContext();
        return (await db.DailyRollups.Where(r => r.ProjectId == projectId).OrderBy(r => r.Date).ThenBy(r => r.Category).ToListAsync())
            .Select(r => (r.Date, r.Category, r.RewrittenTraces, r.RetriedTraces, r.UndoneTraces, r.FormatErrorTraces, r.UnknownTraceFeedback))
            .Where(r => r.RewrittenTraces + r.RetriedTraces + r.UndoneTraces + r.FormatErrorTraces + r.UnknownTraceFeedback != 0).ToList();
    }

    /// <summary>The per-trace counts computed from the raw rows in one statement: the backfill of the SQL-script migration
    /// 20261205020000_HonestRates (decision 0016 retired the scripts), kept as the independent answer imports must agree with.</summary>
    private static string BackfillStatement(SqlDialect dialect) => $"""
        INSERT INTO "DailyRollups" ("ProjectId", "Date", "Category", "Traces", "ThumbsUp", "ThumbsDown", "CsatCount", "CsatSum", "CsatSumOfSquares",
                                    "Rewrites", "Retries", "Undos", "FormatErrors",
                                    "RewrittenTraces", "RetriedTraces", "UndoneTraces", "FormatErrorTraces", "UnknownTraceFeedback")
        SELECT "ProjectId", "Date", "Category", 0, 0, 0, 0, 0.0, 0.0, 0, 0, 0, 0,
               SUM("RewrittenTraces"), SUM("RetriedTraces"), SUM("UndoneTraces"), SUM("FormatErrorTraces"), SUM("UnknownTraceFeedback")
        FROM (
            SELECT t."ProjectId", {dialect.DayOf("t.\"Timestamp\"")} AS "Date", COALESCE(t."Category", '') AS "Category",
                   COUNT(DISTINCT CASE WHEN f."Kind" = 'Rewrite' THEN t."Id" END) AS "RewrittenTraces",
                   COUNT(DISTINCT CASE WHEN f."Kind" = 'Retry' THEN t."Id" END) AS "RetriedTraces",
                   COUNT(DISTINCT CASE WHEN f."Kind" = 'Undo' THEN t."Id" END) AS "UndoneTraces",
                   COUNT(DISTINCT CASE WHEN f."Kind" = 'FormatError' THEN t."Id" END) AS "FormatErrorTraces",
                   0 AS "UnknownTraceFeedback"
            FROM "FeedbackEvents" f
            JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
            WHERE f."Kind" IN ('Rewrite', 'Retry', 'Undo', 'FormatError')
            GROUP BY 1, 2, 3
            UNION ALL
            SELECT f."ProjectId", {dialect.DayOf("f.\"Timestamp\"")}, '', 0, 0, 0, 0, COUNT(*)
            FROM "FeedbackEvents" f
            WHERE f."Kind" IN ('Rewrite', 'Retry', 'Undo', 'FormatError')
              AND NOT EXISTS (SELECT 1 FROM "ProductionTraces" t WHERE t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId")
            GROUP BY 1, 2
        ) AS raw
        WHERE true
        GROUP BY "ProjectId", "Date", "Category"
        ON CONFLICT ("ProjectId", "Date", "Category") DO UPDATE SET
            "RewrittenTraces" = excluded."RewrittenTraces", "RetriedTraces" = excluded."RetriedTraces",
            "UndoneTraces" = excluded."UndoneTraces", "FormatErrorTraces" = excluded."FormatErrorTraces",
            "UnknownTraceFeedback" = excluded."UnknownTraceFeedback";
        """;
}
