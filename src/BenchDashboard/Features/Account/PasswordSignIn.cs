using BenchDashboard.Domain;
using Microsoft.AspNetCore.Identity;

namespace BenchDashboard.Features.Account;

/// <summary>
/// The sign-in form's decision, in one place: unknown accounts cost a password hash like known ones (the time taken must
/// not tell which accounts exist); a browser that has signed in to the account before is judged by its own failures
/// (<see cref="SignInDevices"/>), any other browser by the account's lockout (5 failures lock it for 15 minutes).
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInDevices devices)
{
    /// <summary>Signs in on success (the auth cookie is set on <paramref name="context"/>'s response).</summary>
    public async Task<PasswordSignInOutcome> SignInAsync(HttpContext context, string email, string password)
    {
        var user = await users.FindByNameAsync(email);
        if (user is null)
        {
            users.PasswordHasher.HashPassword(new AppUser(), password);
            return PasswordSignInOutcome.Failed;
        }
        var device = devices.TrustedDevice(context, user);
        if (device is null)
        {
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            if (!result.Succeeded) return result.IsLockedOut ? PasswordSignInOutcome.LockedOut : PasswordSignInOutcome.Failed;
        }
        else
        {
            if (AccountDisabling.IsDisabled(user) || devices.IsLockedOut(device))
            {
                users.PasswordHasher.HashPassword(new AppUser(), password);
                return PasswordSignInOutcome.LockedOut;
            }
            if (!await users.CheckPasswordAsync(user, password))
            {
                devices.RecordFailure(device);
                return PasswordSignInOutcome.Failed;
            }
            await signIn.SignInAsync(user, isPersistent: false);
        }
        devices.Remember(context, user, device);
        return PasswordSignInOutcome.SignedIn;
    }
}
