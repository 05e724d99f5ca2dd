using System.Security.Claims;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Bench;

/// <summary>
/// Who sees and who changes the bench. The pages admit <see cref="Roles.ReportReaders"/> (leads, admins, auditors); only
/// leads and admins, who own the bench, retire or reactivate cases. Auditors read everything and change nothing.
/// </summary>
public static class BenchPermissions
{
    public const string Readers = Roles.ReportReaders;

    public static bool CanEdit(ClaimsPrincipal user) => user.IsInRole(Roles.Lead) || user.IsInRole(Roles.Admin);
}
