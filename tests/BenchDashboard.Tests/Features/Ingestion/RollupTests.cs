using BenchDashboard.Domain;
using BenchDashboard.Features.Trends;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BenchDashboard.Tests.Features.Ingestion;

public class RollupTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    [Fact]
    public async Task Upgrading_a_database_that_already_holds_events_builds_its_rollups_per_category()
    {
        using var database = new TempDatabase();
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122010000_InitialSchema");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Projects (Slug, Name, IsDemo, CreatedAt) VALUES ('old', 'Old', 0, '2026-01-01 00:00:00');
                INSERT INTO ProductionTraces (ProjectId, TraceId, Timestamp, Input, Category) VALUES
                    (1, 't1', '2026-03-02 10:00:00', 'q', 'billing'), (1, 't2', '2026-03-03 10:00:00', 'q', NULL);
                INSERT INTO FeedbackEvents (ProjectId, EventId, TraceId, Timestamp, Kind, Value) VALUES
                    (1, 'e1', 't1', '2026-03-02 10:00:00', 'ThumbsUp', NULL), (1, 'e2', 'gone', '2026-03-02 11:00:00', 'ThumbsDown', NULL),
                    (1, 'e3', 't1', '2026-03-02 12:00:00', 'Csat', 4), (1, 'e4', NULL, '2026-03-02 13:00:00', 'Csat', 2),
                    (1, 'e5', 't2', '2026-03-03 09:00:00', 'Undo', NULL);
                """);
        }
        await database.MigrateAsync();

        await using var check = database.CreateContext();
        var rollups = await check.DailyRollups.OrderBy(r => r.Date).ThenBy(r => r.Category).ToListAsync();
        Assert.Equal([(Day, ""), (Day, "billing"), (Day.AddDays(1), "")], rollups.Select(r => (r.Date, r.Category)));
        // Feedback counts under its trace's category; an unknown trace or none leaves it uncategorised.
        var unknown = rollups[0];
        Assert.Equal((0, 0, 1, 1, 2.0, 4.0), (unknown.Traces, unknown.ThumbsUp, unknown.ThumbsDown, unknown.CsatCount, unknown.CsatSum, unknown.CsatSumOfSquares));
        var billing = rollups[1];
        Assert.Equal((1, 1, 0, 1, 4.0, 16.0), (billing.Traces, billing.ThumbsUp, billing.ThumbsDown, billing.CsatCount, billing.CsatSum, billing.CsatSumOfSquares));
        Assert.Equal((1, 1), (rollups[2].Traces, rollups[2].Undos));
    }

    [Fact]
    public async Task Trends_read_rollups_not_raw_events()
    {
        using var database = await new TempDatabase().MigrateAsync();
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
