namespace BenchDashboard.Features.Audit;

/// <summary>
/// The latest verification of the audit chain in this process (at start or on demand), so the Admin page can show a
/// broken chain to every admin without walking the chain again.
/// </summary>
public sealed class AuditChainStatus
{
    private readonly TaskCompletionSource<AuditChainCheck> startupCheck = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditChainCheck? Latest { get; private set; }

    /// <summary>Completes when the start-up verification has run.</summary>
    public Task<AuditChainCheck> StartupCheck => startupCheck.Task;

    /// <summary>Raised after each check, on the thread that ran it.</summary>
    public event Action? Changed;

    internal void Record(AuditChainCheck check)
    {
        Latest = check;
        if (check.By == AuditChainCheck.AtStart) startupCheck.TrySetResult(check);
        Changed?.Invoke();
    }
}
