using System.Diagnostics;

namespace BenchDashboard.Features.Signals;

/// <summary>
/// Signals of a project as of a date, with the project's settings. Computing them reads months of data, and the
/// dashboard, the API and the alerting worker all ask for the same ones, so each is computed once per project, date,
/// settings and <see cref="Domain.Project.DataVersion"/> and reused until the project's data changes (every write the
/// signals read bumps the version in its own transaction). Callers that ask while a computation runs wait for it rather
/// than starting their own, so ten parallel requests cost one computation.
/// </summary>
public sealed class SignalsService(SignalDataLoader loader, SignalSettingsService settingsStore, ILogger<SignalsService>? logger = null)
{
    /// <summary>Dates one project is asked for at once: the dashboard's last day with data, today for the API and alerting,
    /// a date picked on the Signals page, and one to spare.</summary>
    private const int EntriesPerProject = 4;
    /// <summary>All projects together: an entry keeps its data (runs with their results), a few MB on a large project.</summary>
    private const int Entries = 32;

    private readonly Lock _gate = new();
    /// <summary>Most recently used first.</summary>
    private readonly LinkedList<Entry> _entries = [];
    private long _computations;

    /// <summary>How many times data was loaded and evaluated rather than reused.</summary>
    public long Computations => Interlocked.Read(ref _computations);

    public async Task<IReadOnlyList<Signal>> GetAsync(int projectId, DateOnly asOf, CancellationToken ct = default) =>
        (await GetWithDataAsync(projectId, asOf, ct)).Signals;

    /// <summary>
    /// The signals, the data they came from (the dashboard's tiles read the sampling and review dates) and the settings
    /// they were computed with, so callers need not read the settings a second time.
    /// </summary>
    public async Task<(IReadOnlyList<Signal> Signals, ProjectSignalData Data, SignalSettings Settings)> GetWithDataAsync(int projectId, DateOnly asOf,
        CancellationToken ct = default)
    {
        var settings = await settingsStore.GetAsync(projectId, ct);
        // Read before the data: a write that commits during the load moves the version past this stamp, so the next call
        // recomputes. (The reverse, newer data under an older stamp, only costs one recomputation.)
        var version = await loader.DataVersionAsync(projectId, ct);
        var computed = await Find(new Key(projectId, asOf, settings, version)).WaitAsync(ct);
        return (computed.Signals, computed.Data, settings);
    }

    private Task<Computed> Find(Key key)
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
            // Older data of this project is never asked for again.
            RemoveWhere(e => e.Key.ProjectId == key.ProjectId && e.Key.Version < key.Version);
            var entry = new Entry(key, ComputeAsync(key));
            _entries.AddFirst(entry);
            var ofProject = 0;
            RemoveWhere(e => e.Key.ProjectId == key.ProjectId && ++ofProject > EntriesPerProject);
            while (_entries.Count > Entries) _entries.RemoveLast();
            return entry.Computation;
        }
    }

    /// <summary>Runs apart from any one caller's cancellation: others may be waiting for it, and it stays useful.</summary>
    private Task<Computed> ComputeAsync(Key key)
    {
        var computation = Task.Run(async () =>
        {
            Interlocked.Increment(ref _computations);
            var clock = Stopwatch.StartNew();
            var data = await loader.LoadAsync(key.ProjectId, key.AsOf, key.Settings, CancellationToken.None);
            var loaded = clock.Elapsed;
            var signals = SignalEngine.Evaluate(data, key.AsOf, key.Settings);
            logger?.LogDebug("Signals of project {ProjectId} as of {AsOf} at data version {Version} computed: loading {LoadMs:F1} ms, rules {RulesMs:F1} ms",
                key.ProjectId, key.AsOf, key.Version, loaded.TotalMilliseconds, (clock.Elapsed - loaded).TotalMilliseconds);
            return new Computed(signals, data);
        });
        // A failure is not kept: the next call tries again.
        _ = computation.ContinueWith(_ =>
        {
            lock (_gate) RemoveWhere(e => e.Computation == computation);
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return computation;
    }

    /// <summary>Removes matching entries, visiting them most recently used first. Call with <see cref="_gate"/> held.</summary>
    private void RemoveWhere(Func<Entry, bool> remove)
    {
        for (var node = _entries.First; node is not null;)
        {
            var next = node.Next;
            if (remove(node.Value)) _entries.Remove(node);
            node = next;
        }
    }

    private readonly record struct Key(int ProjectId, DateOnly AsOf, SignalSettings Settings, long Version);

    private sealed record Entry(Key Key, Task<Computed> Computation);

    private sealed record Computed(IReadOnlyList<Signal> Signals, ProjectSignalData Data);
}
