using System.Security.Claims;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Signals;

/// <summary>Who may change a signal's status (acknowledge, snooze, re-baseline): the people who own the bench, leads and admins.</summary>
public static class SignalPermissions
{
    public static bool CanTriage(ClaimsPrincipal user) => user.IsInRole(Roles.Lead) || user.IsInRole(Roles.Admin);
}
