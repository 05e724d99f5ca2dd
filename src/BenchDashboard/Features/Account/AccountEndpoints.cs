using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace BenchDashboard.Features.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (a GET link could be triggered by another site).</summary>
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn, AuditLog audit, IAntiforgery antiforgery, HttpContext http) =>
        {
            // The endpoint binds no form, so the antiforgery middleware would not check it by itself: check here.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused",
                    detail: "The sign-out form's token is missing or stale: reload the page and sign out from there.");
            }
            var who = http.User.Identity?.Name ?? "unknown";
            await signIn.SignOutAsync();
            await audit.AppendAsync(who, AuditActions.SignOut, $"user:{who}");
            return Results.LocalRedirect("/account/login?signedOut=true");
        }).RequireAuthorization().ExcludeFromDescription();
    }
}
