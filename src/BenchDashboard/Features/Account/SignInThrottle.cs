using System.Net;

namespace BenchDashboard.Features.Account;

/// <summary>
/// Failed sign-ins per client address in a sliding window. Past <see cref="MaxFailuresPerWindow"/> the sign-in form
/// refuses that address until the window moves on, so one client cannot guess passwords at speed or fill the audit log.
/// Successful sign-ins are not counted. Behind a proxy it sees each client's own address when the proxy is configured
/// (<c>BenchDashboard:Proxy</c>, ForwardedHeadersSetup).
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailuresPerWindow = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>At most this many addresses are remembered (an attacker rotating addresses cannot grow memory).</summary>
    private const int MaxAddresses = 10_000;

    private readonly FailureWindow failures = new(clock, Window, MaxAddresses);

    public bool IsBlocked(IPAddress? address) => failures.Count(Key(address)) >= MaxFailuresPerWindow;

    public void RecordFailure(IPAddress? address) => failures.Record(Key(address));

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";
}
