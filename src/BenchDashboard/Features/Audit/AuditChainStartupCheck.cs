namespace BenchDashboard.Features.Audit;

/// <summary>
/// Verifies the audit chain once when the app starts, in the background: a broken chain is logged as an error and shown
/// on the Admin page, and the app keeps serving. Also warns when the public development key keys the chain.
/// </summary>
public sealed class AuditChainStartupCheck(AuditChainVerifier verifier, AuditKeyring keys, ILogger<AuditChainStartupCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting: a long chain must not delay serving.
        await Task.Yield();
        if (keys.UsesDevelopmentKey)
        {
            logger.LogWarning("BenchDashboard:Audit:Key is not set: the audit chain is keyed with the built-in development key ('{KeyId}'), " +
                "which is public. Set a key of your own before the log holds anything that matters.", AuditKeyring.DevelopmentKeyId);
        }
        try
        {
            await verifier.VerifyAtStartAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the check finished: nothing to report.
        }
    }
}
