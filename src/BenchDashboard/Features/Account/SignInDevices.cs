using System.Text.Json;
using BenchDashboard.Domain;
using Microsoft.AspNetCore.DataProtection;

namespace BenchDashboard.Features.Account;

/// <summary>
/// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that has signed in to an
/// account gets a signed cookie naming that account. Such a browser is not shut out when strangers lock the account
/// with wrong passwords; it has a failure count of its own instead (<see cref="MaxFailures"/> in
/// <see cref="LockoutPeriod"/>). So anyone who knows an address can lock it for unknown browsers, which is what stops
/// password guessing, but not for the people who use it.
/// </summary>
public sealed class SignInDevices(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "BenchDashboard.Device";
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    /// <summary>At most this many devices' failures are remembered (a flood of forged cookies cannot grow memory).</summary>
    private const int MaxTracked = 10_000;

    private readonly IDataProtector protector = protection.CreateProtector("BenchDashboard.SignInDevices.v1");
    private readonly FailureWindow failures = new(clock, LockoutPeriod, MaxTracked);

    /// <summary>The device id this request's cookie holds for <paramref name="user"/>, or null for an unknown browser.</summary>
    public string? TrustedDevice(HttpContext context, AppUser user)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || value.Length > 1_000) return null;
        try
        {
            var device = JsonSerializer.Deserialize<DeviceCookie>(protector.Unprotect(value));
            return device is not null && device.UserId == user.Id && device.Expires > clock.GetUtcNow() ? device.DeviceId : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null; // forged, from another installation or from an old key: an unknown browser
        }
    }

    public bool IsLockedOut(string device) => failures.Count(device) >= MaxFailures;

    public void RecordFailure(string device) => failures.Record(device);

    /// <summary>After a successful sign-in: this browser is known for this account from now on.</summary>
    public void Remember(HttpContext context, AppUser user, string? device)
    {
        if (device is not null) failures.Forget(device);
        var expires = clock.GetUtcNow() + Lifetime;
        var cookie = new DeviceCookie(device ?? Guid.NewGuid().ToString("N"), user.Id, expires);
        context.Response.Cookies.Append(CookieName, protector.Protect(JsonSerializer.Serialize(cookie)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/account",
            Expires = expires,
            IsEssential = true,
        });
    }

    private sealed record DeviceCookie(string DeviceId, string UserId, DateTimeOffset Expires);
}
