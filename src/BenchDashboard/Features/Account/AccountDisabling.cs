using BenchDashboard.Domain;

namespace BenchDashboard.Features.Account;

/// <summary>
/// A disabled account is one locked out for ever (Identity's lockout end set to the maximum), so every sign-in path and
/// the revalidation of open sessions refuse it without a column of its own. This type owns that convention.
/// </summary>
public static class AccountDisabling
{
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public static bool IsDisabled(AppUser user) => user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow.AddYears(100);
}
