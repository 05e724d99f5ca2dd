using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Sampling;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The outcomes-analysis section: each sampling round whose window overlaps the period or that samples one of its months,
/// oldest first, with the round page's figures (<see cref="RoundService.GetAsync"/>) and whether it closed on time
/// (<see cref="RoundDeadline"/>).
/// </summary>
public sealed class ReportRoundsBuilder(IDbContextFactory<AppDbContext> dbFactory, RoundService rounds)
{
    public async Task<IReadOnlyList<ReportRound>> BuildAsync(int projectId, ReportPeriod period, int samplingEveryDays, CancellationToken ct)
    {
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var (start, end, months) = (period.Start, period.End, period.Months.ToList());
            ids = (await db.SamplingRounds.AsNoTracking()
                    .Where(r => r.ProjectId == projectId && (r.WindowFrom < end && r.WindowTo > start || months.Contains(r.Period)))
                    .Select(r => new { r.Id, r.WindowFrom }).ToListAsync(ct))
                .OrderBy(r => r.WindowFrom).ThenBy(r => r.Id).Select(r => r.Id).ToList();
        }
        var list = new List<ReportRound>();
        foreach (var id in ids)
        {
            if (await rounds.GetAsync(projectId, id, ct) is not { } s) continue;
            var kappa = s.Agreement.FirstOrDefault()?.Kappa;
            list.Add(new ReportRound(s.RoundId, s.Period, s.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), s.To.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                s.Size, s.Seed, RoundSettings.StrategyName(s.Strategy).Replace('_', ' '), s.Reviewers.Select(r => r.Email).ToList(),
                s.Status == SamplingRoundStatus.Closed ? "closed" : "open", s.ClosedAt, RoundDeadline.OnTime(s.Period, s.ClosedAt, samplingEveryDays),
                s.Reviewed, kappa?.N ?? 0, kappa is { N: > 0 } k && double.IsFinite(k.Kappa) ? k.Kappa : null,
                s.Failures, s.BenchWouldCatch, s.CatchRate, s.CatchRateLow, s.CatchRateHigh, s.Gaps,
                s.Drafts.Where(d => d.Status == DraftCaseStatus.Accepted && d.AcceptedCaseExternalId is not null).Select(d => d.AcceptedCaseExternalId!).ToList()));
        }
        return list;
    }
}
