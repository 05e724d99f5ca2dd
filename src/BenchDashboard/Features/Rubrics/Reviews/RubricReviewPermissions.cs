using System.Security.Claims;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>Who may start, decide, approve and abandon rubric reviews: Leads (and Admins). Auditors read; Reviewers are
/// not shown the pages at all.</summary>
public static class RubricReviewPermissions
{
    public static bool CanAct(ClaimsPrincipal user) => user.IsInRole(Roles.Lead) || user.IsInRole(Roles.Admin);
}
