using BenchDashboard.Domain;

namespace BenchDashboard.Data;

public static class RollupQueries
{
    /// <summary>One row per project and day: the day's categories added up (translated to SQL's GROUP BY).</summary>
    public static IQueryable<DailyRollup> SumOverCategories(this IQueryable<DailyRollup> rollups) =>
        rollups.GroupBy(r => new { r.ProjectId, r.Date }).Select(g => new DailyRollup
        {
            ProjectId = g.Key.ProjectId,
            Date = g.Key.Date,
            Traces = g.Sum(r => r.Traces),
            ThumbsUp = g.Sum(r => r.ThumbsUp),
            ThumbsDown = g.Sum(r => r.ThumbsDown),
            CsatCount = g.Sum(r => r.CsatCount),
            CsatSum = g.Sum(r => r.CsatSum),
            CsatSumOfSquares = g.Sum(r => r.CsatSumOfSquares),
            Rewrites = g.Sum(r => r.Rewrites),
            Retries = g.Sum(r => r.Retries),
            Undos = g.Sum(r => r.Undos),
            FormatErrors = g.Sum(r => r.FormatErrors),
            RewrittenTraces = g.Sum(r => r.RewrittenTraces),
            RetriedTraces = g.Sum(r => r.RetriedTraces),
            UndoneTraces = g.Sum(r => r.UndoneTraces),
            FormatErrorTraces = g.Sum(r => r.FormatErrorTraces),
            UnknownTraceFeedback = g.Sum(r => r.UnknownTraceFeedback),
        });
}
