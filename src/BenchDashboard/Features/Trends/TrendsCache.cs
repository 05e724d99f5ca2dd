namespace BenchDashboard.Features.Trends;

/// <summary>
/// Computed trends per project, window, bucket, category and <see cref="Domain.Project.DataVersion"/>, most recently used
/// kept. A dashboard shown to many people asks for the same view at once: the first caller computes, the others wait for
/// that same computation (a single flight), so 25 identical readers cost one computation and then a lookup each until
/// the project's data changes (every write the trends read bumps the version; <see cref="Signals.SignalsService"/> works alike).
/// </summary>
internal sealed class TrendsCache
{
    /// <summary>Views of all projects together. An entry is a few hundred points (tens of KB at most), so this stays small.</summary>
    private const int Entries = 64;

    private readonly Lock _gate = new();
    /// <summary>Most recently used first.</summary>
    private readonly LinkedList<(Key Key, Task<TrendsResult> Computation)> _entries = [];
    private long _computations;

    public long Computations => Interlocked.Read(ref _computations);

    public readonly record struct Key(int ProjectId, DateOnly From, DateOnly To, TrendBucket Bucket, string? Category, long Version);

    /// <summary>The cached computation of <paramref name="key"/>, or a new one started with <paramref name="compute"/>.
    /// The computation runs apart from any caller's cancellation: others may be waiting for it.</summary>
    public Task<TrendsResult> GetOrAdd(Key key, Func<Task<TrendsResult>> compute)
    {
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Key != key) continue;
                _entries.Remove(node);
                _entries.AddFirst(node);
                return node.Value.Computation;
            }
            // Views of older data of this project are never asked for again.
            RemoveWhere(e => e.Key.ProjectId == key.ProjectId && e.Key.Version < key.Version);
            var computation = Task.Run(() =>
            {
                Interlocked.Increment(ref _computations);
                return compute();
            });
            // A failure is not kept: the next call tries again.
            _ = computation.ContinueWith(_ =>
            {
                lock (_gate) RemoveWhere(e => e.Computation == computation);
            }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            _entries.AddFirst((key, computation));
            while (_entries.Count > Entries) _entries.RemoveLast();
            return computation;
        }
    }

    /// <summary>Call with <see cref="_gate"/> held.</summary>
    private void RemoveWhere(Func<(Key Key, Task<TrendsResult> Computation), bool> remove)
    {
        for (var node = _entries.First; node is not null;)
        {
            var next = node.Next;
            if (remove(node.Value)) _entries.Remove(node);
            node = next;
        }
    }
}
