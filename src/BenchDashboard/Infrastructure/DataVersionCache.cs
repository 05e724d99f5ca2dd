namespace BenchDashboard.Infrastructure;

/// <summary>
/// Computations per key, stamped with a project and its <see cref="Domain.Project.DataVersion"/>, most recently used
/// kept. Callers that ask while a computation runs wait for that same computation (a single flight), so many identical
/// readers cost one computation and then a lookup each until the project's data changes; then the project's older
/// entries go. A failed computation is not kept: the next call tries again. Trends and signals are cached this way.
/// </summary>
public sealed class DataVersionCache<TKey, TValue>(int capacity, int perProject, Func<TKey, (int ProjectId, long Version)> stamp)
    where TKey : notnull
{
    private readonly Lock gate = new();
    /// <summary>Most recently used first.</summary>
    private readonly LinkedList<(TKey Key, Task<TValue> Computation)> entries = [];
    private long computations;

    /// <summary>How many times a value was computed rather than reused.</summary>
    public long Computations => Interlocked.Read(ref computations);

    /// <summary>
    /// The cached computation of <paramref name="key"/>, or a new one started with <paramref name="compute"/>. It runs
    /// apart from any caller's cancellation: others may be waiting for it, and it stays useful.
    /// </summary>
    public Task<TValue> GetOrAdd(TKey key, Func<Task<TValue>> compute)
    {
        lock (gate)
        {
            for (var node = entries.First; node is not null; node = node.Next)
            {
                if (!EqualityComparer<TKey>.Default.Equals(node.Value.Key, key)) continue;
                entries.Remove(node);
                entries.AddFirst(node);
                return node.Value.Computation;
            }
            var (project, version) = stamp(key);
            // Older data of this project is never asked for again.
            RemoveWhere(e => stamp(e.Key) is var s && s.ProjectId == project && s.Version < version);
            var computation = Task.Run(() =>
            {
                Interlocked.Increment(ref computations);
                return compute();
            });
            _ = computation.ContinueWith(_ =>
            {
                lock (gate) RemoveWhere(e => e.Computation == computation);
            }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            entries.AddFirst((key, computation));
            var ofProject = 0;
            RemoveWhere(e => stamp(e.Key).ProjectId == project && ++ofProject > perProject);
            while (entries.Count > capacity) entries.RemoveLast();
            return computation;
        }
    }

    /// <summary>Removes matching entries, visiting them most recently used first. Call with <see cref="gate"/> held.</summary>
    private void RemoveWhere(Func<(TKey Key, Task<TValue> Computation), bool> remove)
    {
        for (var node = entries.First; node is not null;)
        {
            var next = node.Next;
            if (remove(node.Value)) entries.Remove(node);
            node = next;
        }
    }
}
