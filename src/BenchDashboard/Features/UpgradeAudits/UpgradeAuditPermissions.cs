using System.Security.Claims;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.UpgradeAudits;

/// <summary>Who may open audits, decide cases and sign off: Leads (and Admins). Auditors read.</summary>
public static class UpgradeAuditPermissions
{
    public static bool CanDecide(ClaimsPrincipal user) => user.IsInRole(Roles.Lead) || user.IsInRole(Roles.Admin);
}
