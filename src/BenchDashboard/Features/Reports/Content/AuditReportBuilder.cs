using BenchDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// Gathers an <see cref="AuditReport"/> for a project and period from the services the screens use.
/// STUB: only the cover and the integrity head; the sections are being built (issue 16).
/// </summary>
public sealed class AuditReportBuilder(IDbContextFactory<AppDbContext> dbFactory, Audit.AuditLog audit)
{
    public async Task<AuditReport> BuildAsync(ReportRequest request, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == request.ProjectId, ct);
        var head = await audit.HeadAsync(ct);
        return new AuditReport(
            new ReportCover(request.ReportId, project.Name, project.Slug, request.From, request.To, request.GeneratedAt, request.GeneratedBy),
            new ReportSummary([], [], ""),
            [],
            new ReportMethod(new ReportBench(0, [], [], 0, 0, 0), [], [], []),
            new ReportResults(false, [], []),
            [], [], [],
            new ReportIntegrity(head?.Sequence ?? 0, head?.Hash ?? Audit.AuditLog.GenesisHash, true, 0));
    }
}
