using System.Text.Json.Serialization;
using BenchDashboard.Features.Reports.Archive;

namespace BenchDashboard.Features.Reports.Api;

/// <summary>The answer of <c>POST /reports/verify</c> (API.md "Reports"): the report's fields only when verified;
/// <c>problem</c> is an addition, set when the bytes match an archived report whose audit record does not hold.</summary>
public sealed record ReportVerificationContract(
    bool Verified,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReportId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Project,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? From,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? CreatedAt,
    string Sha256,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Problem)
{
    public static ReportVerificationContract Of(ReportVerification v) => v.Verified
        ? new(true, v.Report!.ReportId, v.Report.ProjectSlug, ReportPeriod.Format(v.Report.From), ReportPeriod.Format(v.Report.To), v.Report.CreatedAt, v.Sha256, null)
        : new(false, null, null, null, null, null, v.Sha256, v.Problem);
}
