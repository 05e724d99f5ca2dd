using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics;

/// <summary>
/// Who sees the rubric: Leads and Admins, who own it, and Auditors, who read it (the rubric's change log is audit
/// evidence). Reviewers label traces and are not shown it. The page's [Authorize] and the navigation both read this.
/// </summary>
public static class RubricPermissions
{
    public const string Readers = Roles.ReportReaders;
}
