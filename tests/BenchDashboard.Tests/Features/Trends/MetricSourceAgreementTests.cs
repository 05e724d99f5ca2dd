using BenchDashboard.Data;
using System.Text.Json;
using BenchDashboard.Domain;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Trends;
using BenchDashboard.Infrastructure.Api;
using BenchDashboard.Statistics;
using BenchDashboard.Tests.Infrastructure;

namespace BenchDashboard.Tests.Features.Trends;

/// <summary>
/// The chart and the signal engine read the same numbers for the same day (<see cref="UxMetricSource"/>): events where a
/// day has them, else the team's aggregate, with one answer for the spread of a CSAT aggregate.
/// </summary>
public abstract class MetricSourceAgreementTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : MetricSourceAgreementTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : MetricSourceAgreementTests(DatabaseProvider.Postgres);

    private readonly TestDatabase database = TestDatabase.Create(provider);
    private int projectId;
    private static readonly DateOnly Day = new(2026, 3, 2);

    public async ValueTask InitializeAsync()
    {
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        var project = new Project { Slug = "agreement", Name = "Agreement", CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        projectId = project.Id;

        // Days 0–2 have traces and events (day 2 without rewrites); day 3 has aggregates only.
        var traces = Enumerable.Range(0, 60).Select(i => new
        {
            traceId = $"t{i}", timestamp = At(Day.AddDays(i % 3), 9 + i % 8), input = "q", category = i % 2 == 0 ? "billing" : "shipping",
        });
        var n = 0;
        var feedback = Enumerable.Range(0, 60).SelectMany(i => new object[]
        {
            new { eventId = $"e{n++}", traceId = $"t{i}", timestamp = At(Day.AddDays(i % 3), 18), kind = i % 3 == 0 ? "thumbs_down" : "thumbs_up", value = (double?)null },
            new { eventId = $"e{n++}", traceId = $"t{i}", timestamp = At(Day.AddDays(i % 3), 18), kind = "csat", value = (double?)(1 + i % 5) },
        }).Concat(Enumerable.Range(0, 60).Where(i => i % 3 != 2 && i % 4 == 0).SelectMany(i => new object[]
        {
            new { eventId = $"r{n++}", traceId = $"t{i}", timestamp = At(Day.AddDays(i % 3), 19), kind = "rewrite", value = (double?)null },
            new { eventId = $"r{n++}", traceId = $"t{i}", timestamp = At(Day.AddDays(i % 3), 20), kind = "rewrite", value = (double?)null },
        })).Append(new { eventId = "ghost", traceId = "never-sent", timestamp = At(Day, 20), kind = "rewrite", value = (double?)null }).ToList();
        var ingestion = new IngestionService(database.Factory);
        Assert.True((await ingestion.ImportAsync(projectId, ImportKind.Traces, Json(traces), BodyFormat.Json, ImportOptions.Store)).Stored);
        Assert.True((await ingestion.ImportAsync(projectId, ImportKind.Feedback, Json(feedback), BodyFormat.Json, ImportOptions.Store)).Stored);

        db.DailyMetrics.AddRange(
            // Loses to the events of day 0.
            new DailyMetric { ProjectId = projectId, Date = Day, Metric = TrendMetrics.ThumbsUpRate, Value = 0.1, N = 1000 },
            // Day 2 has traces but no rewrite: the team's rewrite rate is the better knowledge.
            new DailyMetric { ProjectId = projectId, Date = Day.AddDays(2), Metric = TrendMetrics.RewriteRate, Value = 0.12, N = 500 },
            // Day 3: aggregates only, CSAT among them.
            new DailyMetric { ProjectId = projectId, Date = Day.AddDays(3), Metric = TrendMetrics.Csat, Value = 4.1, N = 200 },
            new DailyMetric { ProjectId = projectId, Date = Day.AddDays(3), Metric = TrendMetrics.ThumbsUpRate, Value = 0.8, N = 250 },
            new DailyMetric { ProjectId = projectId, Date = Day.AddDays(3), Metric = TrendMetrics.RetryRate, Value = 0.05, N = 400 });
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync()
    {
        database.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string At(DateOnly day, int hour) => day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc).ToString("O");

    private static MemoryStream Json(object items) => new(JsonSerializer.SerializeToUtf8Bytes(items));

    [Fact]
    public async Task Trends_and_signals_read_the_same_value_and_n_for_every_metric_and_day()
    {
        var trends = await new TrendsService(database.Factory).GetAsync(projectId, Day, Day.AddDays(3), TrendBucket.Day);
        var signals = await new SignalDataLoader(database.Factory).LoadAsync(projectId, Day.AddDays(3), SignalSettings.Defaults);

        foreach (var metric in TrendMetrics.UserExperience)
        {
            var points = trends.Series[metric].Select(p => (p.T, p.N, Math.Round(p.Value, 12))).ToList();
            var days = signals.Metrics[metric].Select(d => (d.Date.ToString("yyyy-MM-dd"), d.N, Math.Round(d.Sum / d.N, 12))).ToList();
            Assert.True(points.SequenceEqual(days), $"{metric}: trends {string.Join(" ", points)} but signals {string.Join(" ", days)}");
        }
        // Spot checks that the rule is the documented one.
        Assert.Equal(20, trends.Series[TrendMetrics.ThumbsUpRate][0].N); // day 0's 20 thumbs win over its aggregate of 1,000
        Assert.Equal((0.12, 500L), (trends.Series[TrendMetrics.RewriteRate][2].Value, trends.Series[TrendMetrics.RewriteRate][2].N));
        Assert.Equal((4.1, 200L), (trends.Series[TrendMetrics.Csat][3].Value, trends.Series[TrendMetrics.Csat][3].N));
    }

    [Fact]
    public async Task A_csat_day_with_only_an_aggregate_has_the_same_honest_spread_on_the_chart_and_in_the_signal_test()
    {
        var trends = await new TrendsService(database.Factory).GetAsync(projectId, Day.AddDays(3), Day.AddDays(3), TrendBucket.Day);
        var signals = await new SignalDataLoader(database.Factory).LoadAsync(projectId, Day.AddDays(3), SignalSettings.Defaults);

        var point = Assert.Single(trends.Series[TrendMetrics.Csat]);
        var day = signals.Metrics[TrendMetrics.Csat].Single(d => d.Date == Day.AddDays(3));
        // Not a band of zero width: 200 answers of a 1–5 scale do not pin a mean to one value.
        Assert.True(point.Low < 4.05 && point.High > 4.15, $"{point.Low}–{point.High}");
        // The band is the one Welch's test uses: the same variance behind both.
        var half = Intervals.Z95 * Math.Sqrt(Intervals.Variance(day.Sum, day.SumOfSquares, day.N) / day.N);
        Assert.Equal(point.Low, 4.1 - half, 9);
        Assert.Equal(point.High, 4.1 + half, 9);
    }

    [Fact]
    public async Task Weekly_buckets_add_up_event_days_and_aggregate_days()
    {
        var week = await new TrendsService(database.Factory).GetAsync(projectId, Day, Day.AddDays(6), TrendBucket.Week);
        var signals = await new SignalDataLoader(database.Factory).LoadAsync(projectId, Day.AddDays(6), SignalSettings.Defaults);

        foreach (var metric in TrendMetrics.UserExperience)
        {
            var point = Assert.Single(week.Series[metric]);
            var days = signals.Metrics[metric];
            Assert.Equal(days.Sum(d => d.N), point.N);
            Assert.Equal(days.Sum(d => d.Sum) / days.Sum(d => d.N), point.Value, 10);
        }
    }
}
