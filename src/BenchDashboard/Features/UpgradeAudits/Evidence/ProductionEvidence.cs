using System.Globalization;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Signals.Rules;
using BenchDashboard.Features.Trends;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.UpgradeAudits.Evidence;

/// <summary>
/// Whether users noticed an upgrade: each user-experience metric over the traces that carry the base and the head
/// version, with the feedback that follows those traces. The metrics mean what they mean on the Trends page
/// (<see cref="UxMetricSource"/>: thumbs-up and CSAT per answer, rewrite/retry/undo/format-error as the share of
/// traces that got the event at least once) and are compared with <see cref="UxMetricTest"/>. Daily aggregates carry
/// no version and cannot count here.
/// </summary>
public sealed class ProductionEvidence(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Null when either version is not one of the project's.</summary>
    public async Task<ProductionBesideBench?> CompareAsync(int projectId, int baseVersionId, int headVersionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await db.PipelineVersions.AsNoTracking().Where(v => v.ProjectId == projectId)
            .Select(v => new { v.Id, v.Version, v.DeployedAt }).ToListAsync(ct);
        var ordered = versions.OrderBy(v => v.DeployedAt).ThenBy(v => v.Id).ToList();
        VersionLivePeriod? Period(int id, long traces)
        {
            var i = ordered.FindIndex(v => v.Id == id);
            return i < 0 ? null : new VersionLivePeriod(id, ordered[i].Version, ordered[i].DeployedAt, i + 1 < ordered.Count ? ordered[i + 1].DeployedAt : null, traces);
        }
        if (Period(baseVersionId, 0) is null || Period(headVersionId, 0) is null) return null;

        var (baseTraces, baseSamples) = await SamplesAsync(db, projectId, baseVersionId, ct);
        var (headTraces, headSamples) = await SamplesAsync(db, projectId, headVersionId, ct);
        var basePeriod = Period(baseVersionId, baseTraces)!;
        var headPeriod = Period(headVersionId, headTraces)!;
        var metrics = TrendMetrics.UserExperience.Select(metric => Compare(metric, basePeriod, headPeriod, baseSamples[metric], headSamples[metric])).ToList();
        return new ProductionBesideBench(basePeriod, headPeriod, metrics);
    }

    private static UxMetricComparison Compare(string metric, VersionLivePeriod basePeriod, VersionLivePeriod headPeriod, MetricSample baseSample, MetricSample headSample)
    {
        var label = TrendMetrics.Label(metric);
        var test = UxMetricTest.Name(metric);
        var basePoint = UxMetricSource.Point(metric, baseSample, basePeriod.Version);
        var headPoint = UxMetricSource.Point(metric, headSample, headPeriod.Version);
        if (basePoint is null || headPoint is null)
        {
            var missing = basePoint is null ? basePeriod.Version : headPeriod.Version;
            return new(metric, label, basePoint, headPoint, test, null,
                $"{label}: no {Unit(metric)} on {missing} in production, so there is nothing to compare.");
        }
        var p = UxMetricTest.PValue(metric, headSample, baseSample);
        var change = $"{label} went from {Value(metric, basePoint.Value)} on {basePeriod.Version} (n = {basePoint.N:N0}) to {Value(metric, headPoint.Value)} on {headPeriod.Version} (n = {headPoint.N:N0})";
        var pText = p < 0.001 ? "p < 0.001" : $"p = {p.ToString("0.000", CultureInfo.InvariantCulture)}";
        string verdict;
        if (p < UxMetricTest.Alpha && headPoint.Value != basePoint.Value)
        {
            var better = DivergenceRule.HigherIsBetter(metric) == headPoint.Value > basePoint.Value;
            verdict = $"users noticed: {headPeriod.Version} is {(better ? "better" : "worse")} for them.";
        }
        else
        {
            verdict = "no difference users made visible at these sample sizes.";
        }
        return new(metric, label, basePoint, headPoint, test, p, $"{change}; {test}, {pText}: {verdict}");
    }

    private static string Unit(string metric) => metric switch
    {
        TrendMetrics.ThumbsUpRate => "thumbs up or down",
        TrendMetrics.Csat => "CSAT answers",
        _ => "traces",
    };

    private static string Value(string metric, double value) => metric == TrendMetrics.Csat
        ? value.ToString("0.00", CultureInfo.InvariantCulture)
        : (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>The version's traces and each metric's sample over them and the feedback that follows them.</summary>
    private static async Task<(long Traces, Dictionary<string, MetricSample> Samples)> SamplesAsync(AppDbContext db, int projectId, int versionId, CancellationToken ct)
    {
        var traces = db.ProductionTraces.Where(t => t.ProjectId == projectId && t.PipelineVersionId == versionId);
        var traceCount = await traces.LongCountAsync(ct);
        var feedback = db.FeedbackEvents.AsNoTracking()
            .Where(f => f.ProjectId == projectId && f.TraceId != null && traces.Select(t => t.TraceId).Contains(f.TraceId));
        var thumbs = await feedback.Where(f => f.Kind == FeedbackKind.ThumbsUp || f.Kind == FeedbackKind.ThumbsDown)
            .GroupBy(f => f.Kind).Select(g => new { Kind = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var csat = await feedback.Where(f => f.Kind == FeedbackKind.Csat && f.Value != null).Select(f => f.Value!.Value).ToListAsync(ct);
        var perTrace = new Dictionary<FeedbackKind, long>();
        foreach (var kind in UxMetricSource.PerTraceKinds.Values)
        {
            perTrace[kind] = await feedback.Where(f => f.Kind == kind).Select(f => f.TraceId).Distinct().LongCountAsync(ct);
        }
        var up = thumbs.Where(t => t.Kind == FeedbackKind.ThumbsUp).Sum(t => t.Count);
        var samples = new Dictionary<string, MetricSample>
        {
            [TrendMetrics.ThumbsUpRate] = MetricSample.Rate(up, thumbs.Sum(t => t.Count)),
            [TrendMetrics.Csat] = new MetricSample(csat.Sum(), csat.Sum(v => v * v), csat.Count),
        };
        foreach (var (metric, kind) in UxMetricSource.PerTraceKinds) samples[metric] = MetricSample.Rate(perTrace[kind], traceCount);
        return (traceCount, samples);
    }
}
