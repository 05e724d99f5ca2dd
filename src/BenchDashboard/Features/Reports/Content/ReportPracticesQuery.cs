using BenchDashboard.Domain;
using BenchDashboard.Features.Rubrics;
using BenchDashboard.Features.Rubrics.Reviews;
using BenchDashboard.Features.Signals;
using BenchDashboard.Features.UpgradeAudits;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The three practices of the period (<see cref="ReportPractices"/>) from the services the screens use: the rounds of the
/// report, the approved rubric reviews (<see cref="RubricReviewService.ListAsync"/>) and the rubric's versions, and the
/// upgrade-audit list's version transitions and audits (<see cref="UpgradeAuditService"/>), with the project's cadence
/// settings. "Due" is judged on the day the report is made; sampling is owed from the project's first day (the signals'
/// <see cref="ProjectSignalData.FirstDay"/>).
/// </summary>
public sealed class ReportPracticesQuery(SignalsService signals, RubricReviewService reviews, RubricQueries rubrics, UpgradeAuditService audits)
{
    public async Task<IReadOnlyList<PracticeState>> BuildAsync(int projectId, ReportPeriod period, IReadOnlyList<ReportRound> rounds, SignalSettings settings,
        DateOnly today, CancellationToken ct)
    {
        var firstDay = (await signals.GetWithDataAsync(projectId, period.To, ct)).Data.FirstDay;
        var sampling = ReportPractices.SamplingState(period, rounds, settings.SamplingEveryDays, firstDay, today);

        var approvals = (await reviews.ListAsync(projectId, ct))
            .Where(r => r.Status == RubricReviewStatus.Approved && r.SignedOffAt is not null).Select(r => r.SignedOffAt!.Value).ToList();
        var versions = await rubrics.VersionsAsync(projectId, ct);
        DateTime? rubricSince = versions.Count == 0 ? null : versions.Min(ReportMethodBuilder.InForceFrom);
        var review = ReportPractices.RubricReviewState(period, approvals, rubricSince, settings.RubricReviewEveryDays, today);

        var transitions = (await audits.TransitionsAsync(projectId, today, settings.AuditGraceDays, ct)).Where(t => period.Contains(t.DeployedAt)).ToList();
        var upgrade = ReportPractices.UpgradeAuditState(transitions, await audits.ListAsync(projectId, ct), today);
        return [sampling, review, upgrade];
    }
}
