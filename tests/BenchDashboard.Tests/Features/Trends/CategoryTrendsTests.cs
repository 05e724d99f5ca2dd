using BenchDashboard.Data;
using System.Text.Json;
using BenchDashboard.Domain;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Trends;
using BenchDashboard.Infrastructure.Api;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Trends;

/// <summary>The dashboard's category filter: rollups per category, kept right whichever of trace and feedback comes first.</summary>
public abstract class CategoryTrendsTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : CategoryTrendsTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : CategoryTrendsTests(DatabaseProvider.Postgres);

    private readonly TestDatabase database = TestDatabase.Create(provider);
    private int projectId;
    private static readonly DateOnly Day = new(2026, 3, 2);
    private int eventNumber;

    public async ValueTask InitializeAsync()
    {
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var project = new Project { Slug = "categories", Name = "Categories", CreatedAt = DateTime.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        projectId = project.Id;
    }

    public ValueTask DisposeAsync()
    {
        database.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string At(int hour) => Day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc).ToString("O");

    private static object Trace(string id, string? category) => new { traceId = id, timestamp = At(9), input = "q", category };

    private object Feedback(string? traceId, string kind, double? value = null) =>
        new { eventId = $"e{eventNumber++}", traceId, timestamp = At(10), kind, value };

    private async Task ImportAsync(ImportKind kind, IEnumerable<object> items)
    {
        var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(items));
        var result = await new IngestionService(database.Factory).ImportAsync(projectId, kind, body, BodyFormat.Json, ImportOptions.Store);
        Assert.True(result.Stored);
    }

    private async Task<Dictionary<string, DailyRollup>> RollupsAsync()
    {
        await using var db = database.CreateContext();
        return await db.DailyRollups.Where(r => r.ProjectId == projectId).ToDictionaryAsync(r => r.Category);
    }

    private Task<TrendsResult> DayAsync(string? category) =>
        new TrendsService(database.Factory).GetAsync(projectId, Day, Day, TrendBucket.Day, category);

    [Fact]
    public async Task Feedback_counts_under_its_traces_category_and_moves_there_when_the_trace_arrives_later()
    {
        await ImportAsync(ImportKind.Traces, [Trace("known", "billing")]);
        // Feedback for a known trace, for one not sent yet, and without any trace.
        await ImportAsync(ImportKind.Feedback,
            [Feedback("known", "thumbs_up"), Feedback("late", "thumbs_down"), Feedback("late", "csat", 2), Feedback(null, "thumbs_up")]);

        var before = await RollupsAsync();
        Assert.Equal((1, 1, 0), (before["billing"].Traces, before["billing"].ThumbsUp, before["billing"].ThumbsDown));
        Assert.Equal((1, 1, 1, 2.0), (before[""].ThumbsUp, before[""].ThumbsDown, before[""].CsatCount, before[""].CsatSum));

        await ImportAsync(ImportKind.Traces, [Trace("late", "shipping")]);

        var after = await RollupsAsync();
        Assert.Equal((1, 0), (after["shipping"].Traces, after["shipping"].ThumbsUp));
        Assert.Equal((1, 1, 2.0, 4.0), (after["shipping"].ThumbsDown, after["shipping"].CsatCount, after["shipping"].CsatSum, after["shipping"].CsatSumOfSquares));
        // Only the event without a trace stays uncategorised.
        Assert.Equal((1, 0, 0, 0.0, 0.0), (after[""].ThumbsUp, after[""].ThumbsDown, after[""].CsatCount, after[""].CsatSum, after[""].CsatSumOfSquares));
        Assert.Equal((1, 1), (after["billing"].ThumbsUp, after["billing"].Traces));
    }

    [Fact]
    public async Task A_trace_without_a_category_leaves_its_early_feedback_uncategorised()
    {
        await ImportAsync(ImportKind.Feedback, [Feedback("plain", "thumbs_down")]);
        await ImportAsync(ImportKind.Traces, [Trace("plain", null)]);

        var rollup = Assert.Single((await RollupsAsync()).Values);
        Assert.Equal(("", 1, 1), (rollup.Category, rollup.Traces, rollup.ThumbsDown));
    }

    [Fact]
    public async Task Filtered_trends_count_only_the_category_and_the_unfiltered_ones_still_count_everything()
    {
        await ImportAsync(ImportKind.Traces, [Trace("b1", "billing"), Trace("b2", "billing"), Trace("s1", "shipping")]);
        await ImportAsync(ImportKind.Feedback,
            [Feedback("b1", "thumbs_up"), Feedback("b2", "thumbs_up"), Feedback("b2", "rewrite"), Feedback("s1", "thumbs_down"), Feedback("s1", "thumbs_down")]);
        await AddBenchRunAsync();

        var billing = await DayAsync("billing");
        Assert.Equal((1.0, 2L), Single(billing, TrendMetrics.ThumbsUpRate));
        Assert.Equal((0.5, 2L), Single(billing, TrendMetrics.RewriteRate));
        // Two of the three billing cases pass; the shipping case and the retired billing case do not count.
        Assert.Equal((Math.Round(2.0 / 3, 10), 3L), Single(billing, TrendMetrics.BenchPassRate));
        // Daily aggregates carry no category, so a filtered view leaves them out.
        Assert.Empty(billing.Series[TrendMetrics.Csat]);

        var shipping = await DayAsync("shipping");
        Assert.Equal((0.0, 2L), Single(shipping, TrendMetrics.ThumbsUpRate));
        Assert.Equal((0.0, 1L), Single(shipping, TrendMetrics.BenchPassRate));

        var all = await DayAsync(null);
        Assert.Equal((0.5, 4L), Single(all, TrendMetrics.ThumbsUpRate));
        Assert.Equal((0.5, 4L), Single(all, TrendMetrics.BenchPassRate));
        Assert.Equal((4.2, 50L), Single(all, TrendMetrics.Csat));

        Assert.Empty((await DayAsync("no such category")).Series.Values.SelectMany(s => s));
    }

    [Fact]
    public async Task The_category_choices_are_those_of_traffic_and_active_bench_cases_sorted()
    {
        await ImportAsync(ImportKind.Traces, [Trace("s1", "shipping"), Trace("n1", null), Trace("r1", "Refunds")]);
        await AddBenchRunAsync();

        var categories = await new TrendsService(database.Factory).CategoriesAsync(projectId);

        // "legacy" belongs to a retired case only.
        Assert.Equal(["billing", "Refunds", "shipping"], categories);
    }

    private static (double Value, long N) Single(TrendsResult trends, string metric)
    {
        var point = Assert.Single(trends.Series[metric]);
        return (Math.Round(point.Value, 10), point.N);
    }

    /// <summary>Three active billing cases (two pass), an active shipping case that fails, a retired "legacy" case that passes.</summary>
    private async Task AddBenchRunAsync()
    {
        await using var db = database.CreateContext();
        var version = new PipelineVersion { ProjectId = projectId, Version = "v-bench", DeployedAt = Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) };
        db.PipelineVersions.Add(version);
        (string Category, BenchCaseStatus Status, bool Passed)[] results =
        [
            ("billing", BenchCaseStatus.Active, true), ("billing", BenchCaseStatus.Active, true), ("billing", BenchCaseStatus.Active, false),
            ("shipping", BenchCaseStatus.Active, false), ("legacy", BenchCaseStatus.Retired, true),
        ];
        var cases = results.Select((r, i) => new BenchCase
        {
            ProjectId = projectId, ExternalId = $"case-{i}", Category = r.Category, Status = r.Status, CreatedAt = DateTime.UtcNow,
            // Retired before the run: it does not count in it (data time).
            RetiredAt = r.Status == BenchCaseStatus.Retired ? Day.AddDays(-30).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null,
        }).ToList();
        db.BenchCases.AddRange(cases);
        db.DailyMetrics.Add(new DailyMetric { ProjectId = projectId, Date = Day, Metric = TrendMetrics.Csat, Value = 4.2, N = 50 });
        await db.SaveChangesAsync();
        db.BenchRuns.Add(new BenchRun
        {
            ProjectId = projectId, RunId = "run-1", PipelineVersionId = version.Id, StartedAt = Day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
            Results = cases.Select((c, i) => new BenchResult { BenchCaseId = c.Id, Passed = results[i].Passed }).ToList(),
        });
        await db.SaveChangesAsync();
    }
}
