using BenchDashboard.Domain;

namespace BenchDashboard.Features.Reports;

/// <summary>Who reads, issues, downloads and verifies audit reports: the one owner for the Reports pages and the page
/// downloads (the API maps the same people to scope report, <c>ApiAccess.Report</c>).</summary>
public static class ReportPermissions
{
    /// <summary>Admins, leads and auditors: an auditor issues the report they audit; a lead may hand one over.</summary>
    public const string Readers = Roles.ReportReaders;
}
