using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace BenchDashboard.Features.Account;

/// <summary>
/// Who is acting in this circuit: the name written to the audit log and the id reviews are filed under. Every page
/// asks here rather than reading the authentication state itself, so "unknown" is decided in one place.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider auth)
{
    /// <summary>The name the audit log records: the sign-in name (the email).</summary>
    public async Task<string> NameAsync() => (await UserAsync()).Identity?.Name ?? "unknown";

    /// <summary>The account id (Identity's user id); empty when nobody is signed in.</summary>
    public async Task<string> IdAsync() => (await UserAsync()).FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public async Task<ClaimsPrincipal> UserAsync() => (await auth.GetAuthenticationStateAsync()).User;
}
