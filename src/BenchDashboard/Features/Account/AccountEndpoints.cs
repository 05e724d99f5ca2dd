using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using Microsoft.AspNetCore.Identity;

namespace BenchDashboard.Features.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (a GET link could be triggered by another site).</summary>
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn, AuditLog audit, HttpContext http) =>
        {
            var who = http.User.Identity?.Name ?? "unknown";
            await signIn.SignOutAsync();
            await audit.AppendAsync(who, AuditActions.SignOut, $"user:{who}");
            return TypedResults.LocalRedirect("/account/login?signedOut=true");
        }).RequireAuthorization().ExcludeFromDescription();
    }
}
