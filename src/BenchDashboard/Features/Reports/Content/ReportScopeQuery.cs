using BenchDashboard.Features.Ingestion;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>The scope section: every pipeline version live at any time in the period (<see cref="VersionService.LiveAsync"/>),
/// oldest first. A version still live at the period's end has no <see cref="ReportVersion.LiveUntil"/>, even if a later
/// version replaced it since: the report describes the period.</summary>
public sealed class ReportScopeQuery(VersionService versions)
{
    public async Task<IReadOnlyList<ReportVersion>> BuildAsync(int projectId, ReportPeriod period, CancellationToken ct) =>
        (await versions.LiveAsync(projectId, period.Start, period.End, ct))
        .Select(v => new ReportVersion(v.Version, v.Model, v.Prompt, v.Tools, v.DataSources, v.DeployedAt,
            v.LiveUntil is { } until && until < period.End ? until : null, v.Notes))
        .ToList();
}
