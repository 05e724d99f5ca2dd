namespace BenchDashboard.Features.Reports.Archive;

/// <summary>
/// What the archive says about a PDF someone holds: its SHA-256 always, and the issued report it is byte for byte
/// (null when it is none, or one of a project the caller may not read). <see cref="Problem"/> says in words why an
/// archived hash still failed, e.g. the audit log has no matching <c>report.issued</c> event.
/// </summary>
public sealed record ReportVerification(string Sha256, IssuedReportInfo? Report, string? Problem = null)
{
    public bool Verified => Report is not null && Problem is null;
}
