using BenchDashboard.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Demo;

/// <summary>The demo writes its rollups itself, not through the importer: they must say what its raw rows say.</summary>
public abstract class DemoRollupTests(DemoAppFactory factory)
{
    public sealed class OnSqlite(DemoAppFactory factory) : DemoRollupTests(factory), IClassFixture<DemoAppFactory>;
    public sealed class OnPostgres(DemoAppFactory.OnPostgres factory) : DemoRollupTests(factory), IClassFixture<DemoAppFactory.OnPostgres>;

    private readonly DemoAppFactory app = factory.Started();

    [Fact]
    public async Task The_demos_per_trace_counts_are_the_traces_with_each_event_on_their_own_day()
    {
        await using var db = app.Database.CreateContext();
        var projectId = await db.Projects.Where(p => p.Slug == DemoStory.ProjectSlug).Select(p => p.Id).SingleAsync();
        var rolled = await db.DailyRollups.Where(r => r.ProjectId == projectId)
            .GroupBy(r => r.Date).Select(g => new { Date = g.Key, Rewritten = g.Sum(r => r.RewrittenTraces), Retried = g.Sum(r => r.RetriedTraces), Unknown = g.Sum(r => r.UnknownTraceFeedback) })
            .ToDictionaryAsync(r => r.Date);
        // The day of a stored time is the one thing the providers write differently (SqlDialect.DayOf).
        var sql = $$"""
            SELECT CAST({{app.Database.Dialect.DayOf("t.\"Timestamp\"")}} AS TEXT) AS "Day",
                   COUNT(DISTINCT CASE WHEN f."Kind" = 'Rewrite' THEN t."Id" END) AS "Rewritten",
                   COUNT(DISTINCT CASE WHEN f."Kind" = 'Retry' THEN t."Id" END) AS "Retried"
            FROM "FeedbackEvents" f JOIN "ProductionTraces" t ON t."ProjectId" = f."ProjectId" AND t."TraceId" = f."TraceId"
            WHERE f."ProjectId" = {0} AND f."Kind" IN ('Rewrite', 'Retry')
            GROUP BY 1
            """;
        var raw = await db.Database.SqlQueryRaw<RawDay>(sql, projectId).ToListAsync();

        Assert.Equal(DemoStory.Days, raw.Count);
        foreach (var day in raw)
        {
            var rollup = rolled[DateOnly.ParseExact(day.Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal((day.Rewritten, day.Retried, 0L), (rollup.Rewritten, rollup.Retried, rollup.Unknown));
        }
    }

    private sealed class RawDay
    {
        public required string Day { get; init; }
        public long Rewritten { get; init; }
        public long Retried { get; init; }
    }
}
