using System.Collections.Concurrent;
using System.Net;

namespace BenchDashboard.Features.Account;

/// <summary>
/// Failed sign-ins per client address in a sliding window. Past <see cref="MaxFailuresPerWindow"/> the sign-in form
/// refuses that address until the window moves on, so one client cannot guess passwords at speed or fill the audit log.
/// Successful sign-ins are not counted. Behind a proxy every client shares the proxy's address until forwarded headers
/// are honoured (issue 12, finding 9).
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailuresPerWindow = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>At most this many addresses are remembered; the oldest go first (an attacker rotating addresses cannot grow memory).</summary>
    private const int MaxAddresses = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new();

    public bool IsBlocked(IPAddress? address) => Recent(Key(address)) >= MaxFailuresPerWindow;

    public void RecordFailure(IPAddress? address)
    {
        if (failures.Count >= MaxAddresses) failures.Clear();
        var queue = failures.GetOrAdd(Key(address), _ => new Queue<DateTimeOffset>());
        lock (queue) queue.Enqueue(clock.GetUtcNow());
    }

    private int Recent(string key)
    {
        if (!failures.TryGetValue(key, out var queue)) return 0;
        var since = clock.GetUtcNow() - Window;
        lock (queue)
        {
            while (queue.Count > 0 && queue.Peek() < since) queue.Dequeue();
            return queue.Count;
        }
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";
}
