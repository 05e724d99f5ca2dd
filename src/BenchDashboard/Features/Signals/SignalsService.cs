using System.Diagnostics;
using BenchDashboard.Infrastructure;

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
    /// <summary>
    /// All projects together: an entry keeps its data (runs with their results), a few MB on a large project. Per project,
    /// the dates asked for at once: the dashboard's last day with data, today for the API and alerting, a date picked on
    /// the Signals page, and one to spare.
    /// </summary>
    private readonly DataVersionCache<Key, Computed> _cache = new(capacity: 32, perProject: 4, k => (k.ProjectId, k.Version));

    /// <summary>How many times data was loaded and evaluated rather than reused.</summary>
    public long Computations => _cache.Computations;

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
        var key = new Key(projectId, asOf, settings, version);
        var computed = await _cache.GetOrAdd(key, () => ComputeAsync(key)).WaitAsync(ct);
        return (computed.Signals, computed.Data, settings);
    }

    private async Task<Computed> ComputeAsync(Key key)
    {
        var clock = Stopwatch.StartNew();
        var data = await loader.LoadAsync(key.ProjectId, key.AsOf, key.Settings, CancellationToken.None);
        var loaded = clock.Elapsed;
        var signals = SignalEngine.Evaluate(data, key.AsOf, key.Settings);
        logger?.LogDebug("Signals of project {ProjectId} as of {AsOf} at data version {Version} computed: loading {LoadMs:F1} ms, rules {RulesMs:F1} ms",
            key.ProjectId, key.AsOf, key.Version, loaded.TotalMilliseconds, (clock.Elapsed - loaded).TotalMilliseconds);
        return new Computed(signals, data);
    }

    private readonly record struct Key(int ProjectId, DateOnly AsOf, SignalSettings Settings, long Version);

    private sealed record Computed(IReadOnlyList<Signal> Signals, ProjectSignalData Data);
}
