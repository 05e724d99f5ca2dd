using BenchDashboard.Infrastructure;
using System.Globalization;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Bench.Runs;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Trends;

/// <summary>
/// Bench pass rate and the user-experience metrics per day, week or month. Each day's metrics come from feedback events
/// where the day has them, else from the daily aggregates teams send (<see cref="UxMetricSource"/>, which the signals use
/// too), and a bucket adds its days up (aggregates weighted by n). Events are read through
/// <see cref="DailyRollup"/>s, a row per day and category, so the cost does not grow with the number of events.
/// With a category, only that category's traces and feedback count, the bench pass rate covers that category's cases,
/// and daily aggregates (which carry no category) are left out.
/// </summary>
public sealed class TrendsService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<TrendsResult> GetAsync(int projectId, DateOnly from, DateOnly to, TrendBucket bucket, CancellationToken ct = default) =>
        await GetAsync(projectId, from, to, bucket, category: null, ct);

    /// <summary>Views of all projects together (an entry is a few hundred points, tens of KB at most); per project, the
    /// dashboard's views, the API's and a few filters.</summary>
    private readonly DataVersionCache<ViewKey, TrendsResult> _cache = new(capacity: 64, perProject: 16, k => (k.ProjectId, k.Version));

    /// <summary>How many times trends were computed rather than reused.</summary>
    public long Computations => _cache.Computations;

    private readonly record struct ViewKey(int ProjectId, DateOnly From, DateOnly To, TrendBucket Bucket, string? Category, long Version);

    /// <summary>
    /// The trends of a view, computed once per project data version (a <see cref="DataVersionCache{TKey,TValue}"/>): callers share the result
    /// and must not change it.
    /// </summary>
    public async Task<TrendsResult> GetAsync(int projectId, DateOnly from, DateOnly to, TrendBucket bucket, string? category,
        CancellationToken ct = default)
    {
        if (to < from) throw new ArgumentException("'to' is before 'from'.");
        long version;
        // Read before the data: a write that commits during the computation moves the version past this stamp.
        await using (var db = await dbFactory.CreateDbContextAsync(ct)) version = await ProjectDataVersion.ReadAsync(db, projectId, ct);
        var key = new ViewKey(projectId, from, to, bucket, category, version);
        return await _cache.GetOrAdd(key, () => ComputeAsync(projectId, from, to, bucket, category, CancellationToken.None)).WaitAsync(ct);
    }

    private async Task<TrendsResult> ComputeAsync(int projectId, DateOnly from, DateOnly to, TrendBucket bucket, string? category,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fromAt = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var toAt = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // Rollups hold one row per day and category, kept current by every import: no raw event is read here. Without a
        // category the day's categories are added up, as the signals do.
        var days = db.DailyRollups.AsNoTracking().Where(r => r.ProjectId == projectId && r.Date >= from && r.Date <= to);
        var rollups = await (category is null ? days.SumOverCategories() : days.Where(r => r.Category == category)).ToListAsync(ct);
        var aggregates = category is not null ? [] : await db.DailyMetrics.AsNoTracking()
            .Where(m => m.ProjectId == projectId && m.Date >= from && m.Date <= to)
            .ToListAsync(ct);
        // Per-trace feedback of unknown traces sits under no category, so a category's view asks for it separately.
        var unknownTraceFeedback = category is null ? rollups.Sum(r => r.UnknownTraceFeedback)
            : await days.Where(r => r.Category == DailyRollup.NoCategory).SumAsync(r => r.UnknownTraceFeedback, ct);
        var runs = await RunCounting.Summaries(db.BenchRuns.AsNoTracking()
                .Where(r => r.ProjectId == projectId && r.StartedAt >= fromAt && r.StartedAt < toAt), category)
            .ToListAsync(ct);
        var versions = await db.PipelineVersions.AsNoTracking()
            .Where(v => v.ProjectId == projectId && v.DeployedAt >= fromAt && v.DeployedAt < toAt)
            .OrderBy(v => v.DeployedAt)
            .Select(v => new VersionMarker(v.Version, v.DeployedAt, v.Model, v.Prompt, v.Notes))
            .ToListAsync(ct);

        var buckets = new Dictionary<DateOnly, BucketTotals>();
        BucketTotals At(DateOnly day)
        {
            var start = BucketStart(day, bucket);
            if (!buckets.TryGetValue(start, out var totals)) buckets[start] = totals = new BucketTotals();
            return totals;
        }
        // Events or aggregates are chosen per day (UxMetricSource), then the days add up into their bucket.
        var rollupByDay = rollups.ToDictionary(r => r.Date);
        var aggregatesByDay = aggregates.ToLookup(m => m.Date);
        foreach (var day in rollupByDay.Keys.Union(aggregatesByDay.Select(g => g.Key)))
        {
            var totals = At(day);
            foreach (var (metric, sample) in UxMetricSource.Day(rollupByDay.GetValueOrDefault(day), aggregatesByDay[day])) totals.Add(metric, sample);
        }
        foreach (var run in runs)
        {
            At(DateOnly.FromDateTime(run.StartedAt)).Add(TrendMetrics.BenchPassRate, MetricSample.Rate(run.Passed, run.Counted));
        }

        var series = TrendMetrics.All.ToDictionary(m => m, _ => (IReadOnlyList<TrendPoint>)new List<TrendPoint>());
        foreach (var (start, totals) in buckets.OrderBy(b => b.Key))
        {
            var t = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var metric in TrendMetrics.All)
            {
                if (totals.Point(metric, t) is { } point) ((List<TrendPoint>)series[metric]).Add(point);
            }
        }
        return new TrendsResult(from, to, bucket, series, versions) { UnknownTraceFeedback = unknownTraceFeedback };
    }

    /// <summary>The categories a lead can filter by: those of traces, feedback and active bench cases, sorted.</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fromTraffic = await db.DailyRollups.Where(r => r.ProjectId == projectId && r.Category != DailyRollup.NoCategory)
            .Select(r => r.Category).Distinct().ToListAsync(ct);
        var fromBench = await db.BenchCases.Where(c => c.ProjectId == projectId && c.Status == BenchCaseStatus.Active && c.Category != null && c.Category != "")
            .Select(c => c.Category!).Distinct().ToListAsync(ct);
        return fromTraffic.Union(fromBench, StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The first and last day with feedback, a bench run or a daily aggregate (null without any): "all" begins at the
    /// first, and a project whose data stopped still opens on its last. Both lie within <see cref="AcceptedDates"/>:
    /// rows stored before far-future times were refused (issue 12) would otherwise stretch "all" past the calendar's end.
    /// </summary>
    public async Task<DataDays?> DataDaysAsync(int projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollups = db.DailyRollups.Where(r => r.ProjectId == projectId).Select(r => r.Date);
        var runs = db.BenchRuns.Where(r => r.ProjectId == projectId).Select(r => r.StartedAt);
        var metrics = db.DailyMetrics.Where(m => m.ProjectId == projectId).Select(m => m.Date);
        // First and last row of each source by its index (ORDER BY … LIMIT 1), six cheap lookups in one context.
        var days = new[]
        {
            await rollups.OrderBy(d => d).Select(d => (DateOnly?)d).FirstOrDefaultAsync(ct),
            await rollups.OrderByDescending(d => d).Select(d => (DateOnly?)d).FirstOrDefaultAsync(ct),
            ToDate(await runs.OrderBy(t => t).Select(t => (DateTime?)t).FirstOrDefaultAsync(ct)),
            ToDate(await runs.OrderByDescending(t => t).Select(t => (DateTime?)t).FirstOrDefaultAsync(ct)),
            await metrics.OrderBy(d => d).Select(d => (DateOnly?)d).FirstOrDefaultAsync(ct),
            await metrics.OrderByDescending(d => d).Select(d => (DateOnly?)d).FirstOrDefaultAsync(ct),
        }.OfType<DateOnly>().ToList();
        var now = DateTime.UtcNow;
        return days.Count == 0 ? null : new DataDays(AcceptedDates.Clamp(days.Min(), now), AcceptedDates.Clamp(days.Max(), now));
    }

    private static DateOnly? ToDate(DateTime? t) => t is null ? null : DateOnly.FromDateTime(t.Value);

    public static DateOnly BucketStart(DateOnly day, TrendBucket bucket) => bucket switch
    {
        TrendBucket.Day => day,
        // ISO weeks start on Monday.
        TrendBucket.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        TrendBucket.Month => new DateOnly(day.Year, day.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(bucket)),
    };

    /// <summary>Everything known about one bucket, before it becomes points: each metric's days added up.</summary>
    private sealed class BucketTotals
    {
        private readonly Dictionary<string, MetricSample> _samples = [];

        public void Add(string metric, MetricSample sample) => _samples[metric] = _samples.GetValueOrDefault(metric) + sample;

        public TrendPoint? Point(string metric, string t) =>
            _samples.TryGetValue(metric, out var sample) ? UxMetricSource.Point(metric, sample, t) : null;
    }
}
