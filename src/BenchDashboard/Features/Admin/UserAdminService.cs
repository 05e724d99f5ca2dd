using BenchDashboard.Domain;
using BenchDashboard.Features.Account;
using BenchDashboard.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Admin;

/// <summary>An account as the admin screen lists it; <c>LockedUntil</c> is set while failed sign-ins keep it locked (never for a disabled one).</summary>
public sealed record UserRow(string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool Disabled, DateTimeOffset? LockedUntil = null)
{
    public bool Locked => LockedUntil is not null;
}

/// <summary>What admins do to accounts; every change lands in the audit log. Expected failures come back as
/// <see cref="AdminResult"/>, not exceptions. Each call uses its own scope (and so its own DbContext): a Blazor
/// circuit lives for hours, a UserManager should not.</summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, AuditLog audit, TimeProvider clock)
{
    private async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    public Task<List<UserRow>> ListAsync() => WithUsersAsync(async users =>
    {
        var list = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var rows = new List<UserRow>(list.Count);
        foreach (var u in list)
        {
            var locked = !IsDisabled(u) && u.LockoutEnd is { } end && end > Now ? end : (DateTimeOffset?)null;
            rows.Add(new UserRow(u.Id, u.Email ?? u.UserName ?? u.Id, u.DisplayName, [.. await users.GetRolesAsync(u)], IsDisabled(u), locked));
        }
        return rows;
    });

    /// <summary>The current time; lockouts are compared with it.</summary>
    private DateTimeOffset Now => clock.GetUtcNow();

    public Task<AdminResult> CreateAsync(string email, string? displayName, string password, IReadOnlyCollection<string> roles, string actor) =>
        WithUsersAsync(async users =>
    {
        if (roles.Any(r => !Roles.All.Contains(r))) return AdminResult.Fail("Unknown role.");
        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, DisplayName = displayName?.Trim() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return AdminResult.Fail(created.Errors.Select(e => e.Description));
        if (roles.Count > 0) await users.AddToRolesAsync(user, roles);
        await audit.AppendAsync(actor, AuditActions.UserCreated, $"user:{user.Email}", new { Roles = roles });
        return AdminResult.Ok();
    });

    public Task<AdminResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles, string actor) => WithUsersAsync(async users =>
    {
        if (roles.Any(r => !Roles.All.Contains(r))) return AdminResult.Fail("Unknown role.");
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AdminResult.Fail("That account no longer exists.");
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !roles.Contains(Roles.Admin) && await IsLastActiveAdminAsync(users, user))
        {
            return AdminResult.Fail("This is the last active admin; give another account the Admin role first.");
        }
        await users.RemoveFromRolesAsync(user, current.Except(roles));
        await users.AddToRolesAsync(user, roles.Except(current));
        await users.UpdateSecurityStampAsync(user);
        await audit.AppendAsync(actor, AuditActions.RolesChanged, $"user:{user.Email}", new { From = current, To = roles });
        return AdminResult.Ok();
    });

    /// <summary>Disabling locks the account indefinitely and invalidates its sessions (security stamp).</summary>
    public Task<AdminResult> SetDisabledAsync(string userId, bool disabled, string actor) => WithUsersAsync(async users =>
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AdminResult.Fail("That account no longer exists.");
        if (disabled && string.Equals(user.Email, actor, StringComparison.OrdinalIgnoreCase))
        {
            return AdminResult.Fail("You cannot disable your own account.");
        }
        if (disabled && (await users.GetRolesAsync(user)).Contains(Roles.Admin) && await IsLastActiveAdminAsync(users, user))
        {
            return AdminResult.Fail("This is the last active admin and cannot be disabled.");
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disabled ? AccountDisabling.DisabledUntil : null);
        if (!disabled) await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.AppendAsync(actor, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, $"user:{user.Email}");
        return AdminResult.Ok();
    });

    /// <summary>Lifts a lockout from failed sign-ins now, rather than in 15 minutes; the account keeps its password.</summary>
    public Task<AdminResult> UnlockAsync(string userId, string actor) => WithUsersAsync(async users =>
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AdminResult.Fail("That account no longer exists.");
        if (IsDisabled(user)) return AdminResult.Fail("This account is disabled; enable it instead.");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.AppendAsync(actor, AuditActions.UserUnlocked, $"user:{user.Email}");
        return AdminResult.Ok();
    });

    private static async Task<bool> IsLastActiveAdminAsync(UserManager<AppUser> users, AppUser user)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return admins.Count(a => !IsDisabled(a)) <= 1 && admins.Any(a => a.Id == user.Id);
    }

    private static bool IsDisabled(AppUser u) => AccountDisabling.IsDisabled(u);
}

public sealed record AdminResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static AdminResult Ok() => new(true, []);
    public static AdminResult Fail(params IEnumerable<string> errors) => new(false, [.. errors]);
}
