using BenchDashboard.Data;
using BenchDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>
/// The integrity section: the audit chain's head when the report is built (<see cref="AuditLog.HeadAsync"/>), whether the
/// whole chain verified then (<see cref="AuditLog.VerifyAsync"/>), and how many audit events the period holds. The chain
/// is one for the whole installation, so the count is of every event whose time falls in the period, as the audit log
/// filtered to those days lists them (decision 0036).
/// </summary>
public sealed class ReportIntegrityBuilder(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    public async Task<ReportIntegrity> BuildAsync(ReportPeriod period, CancellationToken ct)
    {
        var head = await audit.HeadAsync(ct);
        // Checked against the head the report names: the chain verified up to at least that row, and holds it unchanged.
        var verification = await audit.VerifyAsync(head, ct);
        int events;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var (start, end) = (period.Start, period.End);
            events = await db.AuditEvents.AsNoTracking().CountAsync(e => e.At >= start && e.At < end, ct);
        }
        return new ReportIntegrity(head?.Sequence ?? 0, head?.Hash ?? AuditLog.GenesisHash, verification.IsIntact, events);
    }
}
