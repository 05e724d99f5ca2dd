using System.Globalization;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Statistics;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Trends;

/// <summary>
/// Bench pass rate and the user-experience metrics per day, week or month. Rates come from feedback events where a
/// bucket has them, else from the daily aggregates teams send (weighted by n). Events are read through
/// <see cref="DailyRollup"/>s, a row per day and category, so the cost does not grow with the number of events.
/// With a category, only that category's traces and feedback count, the bench pass rate covers that category's cases,
/// and daily aggregates (which carry no category) are left out.
/// </summary>
public sealed class TrendsService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<TrendsResult> GetAsync(int projectId, DateOnly from, DateOnly to, TrendBucket bucket, CancellationToken ct = default) =>
        await GetAsync(projectId, from, to, bucket, category: null, ct);

    public async Task<TrendsResult> GetAsync(int projectId, DateOnly from, DateOnly to, TrendBucket bucket, string? category,
        CancellationToken ct = default)
    {
        if (to < from) throw new ArgumentException("'to' is before 'from'.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fromAt = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var toAt = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // Rollups hold one row per day, kept current by every import: no raw event is read here.
        var rollups = await db.DailyRollups.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Date >= from && r.Date <= to && (category == null || r.Category == category))
            .ToListAsync(ct);
        var aggregates = category is not null ? [] : await db.DailyMetrics.AsNoTracking()
            .Where(m => m.ProjectId == projectId && m.Date >= from && m.Date <= to)
            .Select(m => new { m.Date, m.Metric, m.Value, m.N })
            .ToListAsync(ct);
        var runs = await db.BenchRuns.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.StartedAt >= fromAt && r.StartedAt < toAt)
            .Select(r => new
            {
                r.StartedAt,
                // A case counts in the runs before its retirement (data time), not in those after.
                Total = r.Results.Count(x => (x.BenchCase!.RetiredAt == null || x.BenchCase.RetiredAt > r.StartedAt)
                    && (category == null || x.BenchCase.Category == category)),
                Passed = r.Results.Count(x => x.Passed && (x.BenchCase!.RetiredAt == null || x.BenchCase.RetiredAt > r.StartedAt)
                    && (category == null || x.BenchCase.Category == category)),
            })
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
        foreach (var rollup in rollups) At(rollup.Date).Add(rollup);
        foreach (var run in runs)
        {
            var totals = At(DateOnly.FromDateTime(run.StartedAt));
            totals.BenchTotal += run.Total;
            totals.BenchPassed += run.Passed;
        }
        foreach (var m in aggregates) At(m.Date).AddAggregate(m.Metric, m.Value, m.N);

        var series = TrendMetrics.All.ToDictionary(m => m, _ => (IReadOnlyList<TrendPoint>)new List<TrendPoint>());
        foreach (var (start, totals) in buckets.OrderBy(b => b.Key))
        {
            var t = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var metric in TrendMetrics.All)
            {
                if (totals.Point(metric, t) is { } point) ((List<TrendPoint>)series[metric]).Add(point);
            }
        }
        return new TrendsResult(from, to, bucket, series, versions);
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
    /// first, and a project whose data stopped still opens on its last.
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
        return days.Count == 0 ? null : new DataDays(days.Min(), days.Max());
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

    /// <summary>Everything known about one bucket, before it becomes points.</summary>
    private sealed class BucketTotals
    {
        private readonly Dictionary<FeedbackKind, long> _counts = [];
        private readonly Dictionary<string, (double WeightedSum, long N)> _aggregates = [];
        private double _csatSum, _csatSumOfSquares;
        public long Traces { get; set; }
        public long BenchTotal { get; set; }
        public long BenchPassed { get; set; }

        public void Add(DailyRollup day)
        {
            Traces += day.Traces;
            Increment(FeedbackKind.ThumbsUp, day.ThumbsUp);
            Increment(FeedbackKind.ThumbsDown, day.ThumbsDown);
            Increment(FeedbackKind.Csat, day.CsatCount);
            Increment(FeedbackKind.Rewrite, day.Rewrites);
            Increment(FeedbackKind.Retry, day.Retries);
            Increment(FeedbackKind.Undo, day.Undos);
            Increment(FeedbackKind.FormatError, day.FormatErrors);
            _csatSum += day.CsatSum;
            _csatSumOfSquares += day.CsatSumOfSquares;
        }

        private void Increment(FeedbackKind kind, long count)
        {
            if (count != 0) _counts[kind] = Count(kind) + count;
        }

        public void AddAggregate(string metric, double value, long n)
        {
            var (sum, total) = _aggregates.GetValueOrDefault(metric);
            _aggregates[metric] = (sum + value * n, total + n);
        }

        private long Count(FeedbackKind kind) => _counts.GetValueOrDefault(kind);

        public TrendPoint? Point(string metric, string t) => metric switch
        {
            TrendMetrics.BenchPassRate => Rate(t, BenchPassed, BenchTotal),
            TrendMetrics.ThumbsUpRate => Count(FeedbackKind.ThumbsUp) + Count(FeedbackKind.ThumbsDown) > 0
                ? Rate(t, Count(FeedbackKind.ThumbsUp), Count(FeedbackKind.ThumbsUp) + Count(FeedbackKind.ThumbsDown))
                : FromAggregate(metric, t),
            TrendMetrics.Csat => Count(FeedbackKind.Csat) > 0 ? Csat(t) : FromAggregate(metric, t),
            TrendMetrics.RewriteRate => PerTrace(metric, t, FeedbackKind.Rewrite),
            TrendMetrics.RetryRate => PerTrace(metric, t, FeedbackKind.Retry),
            TrendMetrics.UndoRate => PerTrace(metric, t, FeedbackKind.Undo),
            TrendMetrics.FormatErrorRate => PerTrace(metric, t, FeedbackKind.FormatError),
            _ => null,
        };

        // Per-trace rates need traces as the denominator; without traces the aggregates are all there is.
        private TrendPoint? PerTrace(string metric, string t, FeedbackKind kind) =>
            Traces > 0 ? Rate(t, Math.Min(Count(kind), Traces), Traces) : FromAggregate(metric, t);

        private TrendPoint Csat(string t)
        {
            var n = Count(FeedbackKind.Csat);
            var (mean, low, high) = Intervals.Mean(_csatSum, _csatSumOfSquares, n);
            return new TrendPoint(t, mean, n, low, high);
        }

        private TrendPoint? FromAggregate(string metric, string t)
        {
            if (!_aggregates.TryGetValue(metric, out var a) || a.N <= 0) return null;
            var value = a.WeightedSum / a.N;
            if (metric == TrendMetrics.Csat)
            {
                // Aggregates carry no spread, so no honest interval beyond the value itself.
                return new TrendPoint(t, value, a.N, value, value);
            }
            return Rate(t, (long)Math.Round(value * a.N), a.N);
        }

        private static TrendPoint? Rate(string t, long successes, long n)
        {
            if (n <= 0) return null;
            var (low, high) = Intervals.Wilson(successes, n);
            return new TrendPoint(t, (double)successes / n, n, low, high);
        }
    }
}
