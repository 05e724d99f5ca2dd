using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Trends;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Ingestion;

public abstract class RollupTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : RollupTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : RollupTests(DatabaseProvider.Postgres);

    private static readonly DateOnly Day = new(2026, 3, 2);

    [Fact]
    public async Task Trends_read_rollups_not_raw_events()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.CreateContext();
        db.Projects.Add(new Project { Slug = "p", Name = "P", CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        db.DailyRollups.Add(new DailyRollup { ProjectId = 1, Date = Day, ThumbsUp = 30, ThumbsDown = 10 });
        // A raw event written behind the importer's back (no rollup) must not change the trend: proof trends never scan events.
        db.FeedbackEvents.Add(new FeedbackEvent { ProjectId = 1, EventId = "stray", Timestamp = Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Kind = FeedbackKind.ThumbsDown });
        await db.SaveChangesAsync();

        var trends = await new TrendsService(database.Factory).GetAsync(1, Day, Day, TrendBucket.Day);
        var point = Assert.Single(trends.Series[TrendMetrics.ThumbsUpRate]);
        Assert.Equal(0.75, point.Value, 10);
        Assert.Equal(40, point.N);
    }
}
