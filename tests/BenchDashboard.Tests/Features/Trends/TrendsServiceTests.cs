using BenchDashboard.Data;
using BenchDashboard.Components.Shared.Charts;
using BenchDashboard.Domain;
using System.Text.Json;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Trends;
using BenchDashboard.Infrastructure.Api;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Trends;

public abstract class TrendsServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : TrendsServiceTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : TrendsServiceTests(DatabaseProvider.Postgres);

    private readonly TestDatabase database = TestDatabase.Create(provider);
    private int projectId;
    private static readonly DateOnly Monday = new(2026, 3, 2);

    public async ValueTask InitializeAsync()
    {
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var project = new Project { Slug = "trend-test", Name = "Trend test", CreatedAt = DateTime.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        projectId = project.Id;

        // Week of Monday 2 March: events on Monday and Tuesday, sent through the real import path so rollups are kept.
        var ingestion = new IngestionService(database.Factory);
        var t = At(Monday, 10);
        var n = 0;
        var events = new List<object>();
        void Event(string kind, DateTime at, double? value = null, string? traceId = null) =>
            events.Add(new { eventId = $"e{n++}", traceId, timestamp = at.ToString("O"), kind, value });
        Event("thumbs_up", t); Event("thumbs_up", t); Event("thumbs_up", t.AddDays(1)); Event("thumbs_down", t.AddDays(1));
        Event("csat", t, 4); Event("csat", t.AddDays(1), 5);
        // Rewrites name their traces (sent after them): a per-trace rate counts only feedback of known traces.
        Event("rewrite", t, traceId: "t0"); Event("rewrite", t.AddDays(1), traceId: "t1");
        var traces = Enumerable.Range(0, 10).Select(i => new { traceId = $"t{i}", timestamp = t.AddDays(i % 2).ToString("O"), input = "q" });
        Assert.True((await ingestion.ImportAsync(projectId, ImportKind.Feedback, Json(events), BodyFormat.Json, ImportOptions.Store)).Stored);
        Assert.True((await ingestion.ImportAsync(projectId, ImportKind.Traces, Json(traces), BodyFormat.Json, ImportOptions.Store)).Stored);
        // The next week has no events, only the daily aggregates a team sent.
        db.DailyMetrics.Add(new DailyMetric { ProjectId = projectId, Date = Monday.AddDays(7), Metric = TrendMetrics.ThumbsUpRate, Value = 0.5, N = 100 });
        db.DailyMetrics.Add(new DailyMetric { ProjectId = projectId, Date = Monday.AddDays(8), Metric = TrendMetrics.ThumbsUpRate, Value = 0.7, N = 300 });

        // A bench run with three active cases (two pass) and one retired before it that passes: it does not count.
        var version = new PipelineVersion { ProjectId = projectId, Version = "v1", DeployedAt = At(Monday, 8), Model = "m1" };
        db.PipelineVersions.Add(version);
        var cases = Enumerable.Range(1, 4).Select(i => new BenchCase
        {
            ProjectId = projectId, ExternalId = $"case-{i}", Status = i == 4 ? BenchCaseStatus.Retired : BenchCaseStatus.Active, CreatedAt = DateTime.UtcNow,
            RetiredAt = i == 4 ? At(Monday, 0).AddDays(-30) : null,
        }).ToList();
        db.BenchCases.AddRange(cases);
        await db.SaveChangesAsync();
        db.BenchRuns.Add(new BenchRun
        {
            ProjectId = projectId, RunId = "run-1", PipelineVersionId = version.Id, StartedAt = At(Monday.AddDays(2), 9),
            Results = cases.Select((c, i) => new BenchResult { BenchCaseId = c.Id, Passed = i != 0 }).ToList(),
        });
        await db.SaveChangesAsync();
    }

    private static MemoryStream Json(object items) => new(JsonSerializer.SerializeToUtf8Bytes(items));

    public ValueTask DisposeAsync()
    {
        database.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<TrendsResult> WeeklyAsync() =>
        new TrendsService(database.Factory).GetAsync(projectId, Monday, Monday.AddDays(13), TrendBucket.Week);

    [Fact]
    public async Task Thumbs_up_rate_is_ups_over_all_thumbs_with_a_wilson_interval()
    {
        var point = (await WeeklyAsync()).Series[TrendMetrics.ThumbsUpRate][0];
        Assert.Equal("2026-03-02", point.T);
        Assert.Equal(0.75, point.Value, 10);
        Assert.Equal(4, point.N);
        Assert.True(point.Low < 0.75 && point.High > 0.75 && point.Low >= 0 && point.High <= 1);
    }

    [Fact]
    public async Task Buckets_without_events_fall_back_to_daily_aggregates_weighted_by_n()
    {
        var point = (await WeeklyAsync()).Series[TrendMetrics.ThumbsUpRate][1];
        Assert.Equal("2026-03-09", point.T);
        Assert.Equal(0.65, point.Value, 10);
        Assert.Equal(400, point.N);
    }

    [Fact]
    public async Task Csat_is_the_mean_score_and_rewrite_rate_is_per_trace()
    {
        var trends = await WeeklyAsync();
        var csat = trends.Series[TrendMetrics.Csat][0];
        Assert.Equal(4.5, csat.Value, 10);
        Assert.Equal(2, csat.N);
        var rewrite = trends.Series[TrendMetrics.RewriteRate][0];
        Assert.Equal(0.2, rewrite.Value, 10);
        Assert.Equal(10, rewrite.N);
    }

    [Fact]
    public async Task Bench_pass_rate_counts_active_cases_only()
    {
        var point = Assert.Single((await WeeklyAsync()).Series[TrendMetrics.BenchPassRate]);
        Assert.Equal(2.0 / 3, point.Value, 10);
        Assert.Equal(3, point.N);
    }

    [Fact]
    public async Task Versions_in_the_range_are_returned_as_markers()
    {
        var marker = Assert.Single((await WeeklyAsync()).Versions);
        Assert.Equal("v1", marker.Version);
        Assert.Equal("m1", marker.Model);
    }

    [Fact]
    public async Task Data_outside_the_range_is_ignored()
    {
        var trends = await new TrendsService(database.Factory).GetAsync(projectId, Monday.AddDays(7), Monday.AddDays(13), TrendBucket.Week);
        Assert.Empty(trends.Series[TrendMetrics.BenchPassRate]);
        Assert.Empty(trends.Series[TrendMetrics.Csat]);
        Assert.Empty(trends.Versions);
    }

    [Theory]
    [InlineData("2026-03-04", TrendBucket.Week, "2026-03-02")]
    [InlineData("2026-03-08", TrendBucket.Week, "2026-03-02")]
    [InlineData("2026-03-09", TrendBucket.Week, "2026-03-09")]
    [InlineData("2026-03-31", TrendBucket.Month, "2026-03-01")]
    [InlineData("2026-03-31", TrendBucket.Day, "2026-03-31")]
    public void Buckets_start_on_iso_mondays_and_first_days_of_months(string day, TrendBucket bucket, string start)
    {
        Assert.Equal(DateOnly.Parse(start), TrendsService.BucketStart(DateOnly.Parse(day), bucket));
    }

    [Fact]
    public void The_chart_puts_rates_in_percent_and_csat_on_its_own_axis_with_markers_for_versions_and_signals()
    {
        var trends = new TrendsResult(Monday, Monday.AddDays(6), TrendBucket.Week,
            new Dictionary<string, IReadOnlyList<TrendPoint>>
            {
                [TrendMetrics.BenchPassRate] = [new("2026-03-02", 0.95, 300, 0.92, 0.97)],
                [TrendMetrics.ThumbsUpRate] = [],
                [TrendMetrics.RewriteRate] = [],
                [TrendMetrics.Csat] = [new("2026-03-02", 4.2, 50, 4.0, 4.4)],
            },
            [new VersionMarker("v2", At(Monday, 9), "m", "p", null)]);

        var chart = TrendsChart.Build(trends, TrendMetrics.Csat,
            [new TrendsChart.SignalMarker(Monday.AddDays(1), "divergence", "CSAT fell"), new TrendsChart.SignalMarker(Monday.AddDays(-30), "old", "outside")]);

        // Bench and CSAT, each with its band; the empty thumbs-up series is not asked for.
        Assert.Equal(["Bench pass rate", "CSAT"], chart.Series.Select(s => s.Name));
        Assert.All(chart.Series, s => Assert.True(s.ShowBand));
        Assert.Equal(95, chart.Series[0].Points.Single().Value, 6);
        Assert.Equal(" %", chart.Y.Unit);
        Assert.True(chart.Series[1].OnSecondAxis);
        Assert.Equal((1.0, 5.0), (chart.Y2!.Min!.Value, chart.Y2.Max!.Value));
        Assert.Contains(chart.Markers, m => m is { Kind: ChartMarkerKind.Version, Label: "v2" });
        // A signal that started in the range is marked; one that started before it is not.
        Assert.Equal(["divergence"], chart.Markers.Where(m => m.Kind == ChartMarkerKind.Signal).Select(m => m.Label));
    }

    [Fact]
    public void A_link_to_the_bench_pass_rate_shows_the_bench_alone()
    {
        // A stagnation signal's "Show the data" opens the bench over its period.
        var view = TrendsView.Parse(null, "week", TrendMetrics.BenchPassRate, "2026-04-05", "2026-10-01");
        Assert.Equal(TrendMetrics.BenchPassRate, view.Metric);
        var trends = new TrendsResult(Monday, Monday.AddDays(6), TrendBucket.Week,
            new Dictionary<string, IReadOnlyList<TrendPoint>> { [TrendMetrics.BenchPassRate] = [new("2026-03-02", 0.95, 300, 0.92, 0.97)] }, []);

        var chart = TrendsChart.Build(trends, view.Metric);

        Assert.Equal(["Bench pass rate"], chart.Series.Select(s => s.Name)); // not the bench twice
        Assert.Null(chart.Y2); // and no empty CSAT axis
    }

    private static DateTime At(DateOnly d, int hour) => d.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);

    [Fact]
    public async Task Twenty_five_identical_readers_compute_once_and_an_import_makes_the_next_one_compute_again()
    {
        var trends = new TrendsService(database.Factory);

        var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Task.Run(() =>
            trends.GetAsync(projectId, Monday, Monday.AddDays(13), TrendBucket.Week))));

        Assert.Equal(1, trends.Computations);
        Assert.All(answers, a => Assert.Same(answers[0], a));
        var thumbsBefore = answers[0].Series[TrendMetrics.ThumbsUpRate][0].N;
        var late = new { eventId = "late-1", timestamp = At(Monday, 12).ToString("O"), kind = "thumbs_up" };
        Assert.True((await new IngestionService(database.Factory).ImportAsync(projectId, ImportKind.Feedback, Json(new[] { late }), BodyFormat.Json,
            ImportOptions.Store)).Stored);

        var after = await trends.GetAsync(projectId, Monday, Monday.AddDays(13), TrendBucket.Week);

        Assert.Equal(2, trends.Computations);
        Assert.Equal(thumbsBefore + 1, after.Series[TrendMetrics.ThumbsUpRate][0].N);
    }
}
