using System.Collections.Concurrent;

namespace BenchDashboard.Features.Account;

/// <summary>
/// Failures per key (a client address, a device) within a sliding window, in memory. At most
/// <paramref name="maxKeys"/> keys are remembered; past that everything is forgotten at once, so an attacker who rotates
/// keys cannot grow memory (at worst the counts restart, which only helps for a moment).
/// </summary>
public sealed class FailureWindow(TimeProvider clock, TimeSpan window, int maxKeys)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new();

    public void Record(string key)
    {
        if (failures.Count >= maxKeys) failures.Clear();
        var queue = failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue) queue.Enqueue(clock.GetUtcNow());
    }

    /// <summary>Failures of <paramref name="key"/> within the window up to now.</summary>
    public int Count(string key)
    {
        if (!failures.TryGetValue(key, out var queue)) return 0;
        var since = clock.GetUtcNow() - window;
        lock (queue)
        {
            while (queue.Count > 0 && queue.Peek() < since) queue.Dequeue();
            return queue.Count;
        }
    }

    public void Forget(string key) => failures.TryRemove(key, out _);
}
