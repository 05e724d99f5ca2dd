using BenchDashboard.Features.Reports.Archive;

namespace BenchDashboard.Features.Reports.Api;

/// <summary>One entry of <c>GET …/reports</c> (API.md "Reports"); <c>auditSequence</c> is an addition: the
/// <c>report.issued</c> event that recorded the report.</summary>
public sealed record IssuedReportContract(string ReportId, string From, string To, DateTime CreatedAt, string CreatedBy, string Sha256,
    long Bytes, long AuditSequence)
{
    public static IssuedReportContract Of(IssuedReportInfo r) =>
        new(r.ReportId, ReportPeriod.Format(r.From), ReportPeriod.Format(r.To), r.CreatedAt, r.CreatedBy, r.Sha256, r.Bytes, r.AuditSequence);
}
