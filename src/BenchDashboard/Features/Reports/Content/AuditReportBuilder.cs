using BenchDashboard.Data;
using BenchDashboard.Features.Bench;
using BenchDashboard.Features.Signals;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// Gathers an <see cref="AuditReport"/> for a project and period, section by section, from the services the screens use
/// (each section's builder says which), so every number equals what the screens show for the same period. What "in the
/// period" means for each section, and when a practice held, is decision 0036. Nothing is validated here (the archive
/// validates the request); a period without data gives a report that says so.
/// </summary>
public sealed class AuditReportBuilder(IDbContextFactory<AppDbContext> dbFactory, SignalSettingsService settings, BenchRunsService runs,
    ReportScopeQuery scope, ReportMethodBuilder method, ReportResultsBuilder results, ReportEpisodesQuery episodes, SignalBoard board,
    ReportRoundsBuilder rounds, ReportRubricReviewsBuilder reviews, ReportUpgradeAuditsBuilder audits, ReportPracticesQuery practices,
    ReportIntegrityBuilder integrity)
{
    public async Task<AuditReport> BuildAsync(ReportRequest request, CancellationToken ct = default)
    {
        var period = new ReportPeriod(request.From, request.To);
        var today = DateOnly.FromDateTime(request.GeneratedAt);
        Domain.Project project;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == request.ProjectId, ct);
        }
        var id = project.Id;
        var inForce = await settings.GetAsync(id, ct);

        var versions = await scope.BuildAsync(id, period, ct);
        var (hasData, charts) = await results.BuildAsync(id, period, ct);
        var found = await episodes.EpisodesAsync(id, period, ct);
        var openAtEnd = (await board.GetAsync(id, period.To, ct)).Signals;
        var roundList = await rounds.BuildAsync(id, period, inForce.SamplingEveryDays, ct);
        var practiceStates = await practices.BuildAsync(id, period, roundList, inForce, today, ct);
        var runsInPeriod = (await runs.ListAsync(id, ct)).Where(r => period.Contains(r.StartedAt)).ToList();
        var deployedInPeriod = versions.Where(v => period.Contains(v.DeployedAt)).Select(v => v.Label).ToHashSet(StringComparer.Ordinal);

        return new AuditReport(
            new ReportCover(request.ReportId, project.Name, project.Slug, request.From, request.To, request.GeneratedAt, request.GeneratedBy),
            new ReportSummary(practiceStates, openAtEnd.Select(ReportEpisodesQuery.OpenSignal).ToList(),
                ReportVerdict.Write(period, hasData, runsInPeriod, found, practiceStates, openAtEnd)),
            versions,
            await method.BuildAsync(id, period, ct),
            new ReportResults(hasData, charts, found.Select(f => f.Episode).ToList()),
            roundList,
            await reviews.BuildAsync(id, period, ct),
            await audits.BuildAsync(id, period, deployedInPeriod, ct),
            await integrity.BuildAsync(period, ct));
    }
}
