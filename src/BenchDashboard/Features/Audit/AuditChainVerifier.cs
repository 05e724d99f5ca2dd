namespace BenchDashboard.Features.Audit;

/// <summary>
/// Runs <see cref="AuditLog.VerifyAsync"/> for people and for the start-up check: records the outcome for the Admin
/// page, logs a broken chain as an error, and writes each check made on demand to the audit log itself.
/// </summary>
public sealed class AuditChainVerifier(AuditLog log, AuditChainStatus status, TimeProvider clock, ILogger<AuditChainVerifier> logger)
{
    public async Task<AuditChainCheck> VerifyAtStartAsync(CancellationToken ct)
    {
        AuditVerification result;
        try
        {
            result = await log.VerifyAsync(ct: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The audit chain could not be verified at start.");
            result = new AuditVerification(false, 0, null, $"the chain could not be read: {ex.Message}");
        }
        return Record(result, AuditChainCheck.AtStart);
    }

    /// <summary>A check someone asked for, optionally against a head recorded outside the database; audited.</summary>
    public async Task<AuditChainCheck> VerifyOnDemandAsync(string actor, AuditHead? expected, CancellationToken ct = default)
    {
        var check = Record(await log.VerifyAsync(expected, ct), actor);
        var r = check.Result;
        await log.AppendAsync(actor, AuditActions.ChainVerified, "audit_log", new
        {
            ok = r.IsIntact, events = r.RowsVerified, headSequence = r.Head?.Sequence, headHash = r.Head?.Hash,
            expectedSequence = expected?.Sequence, expectedHash = expected?.Hash, problem = r.Problem,
        }, ct);
        return check;
    }

    private AuditChainCheck Record(AuditVerification result, string by)
    {
        var check = new AuditChainCheck(result, clock.GetUtcNow().UtcDateTime, by);
        status.Record(check);
        if (result.IsIntact)
        {
            logger.LogInformation("Audit chain verified ({By}): {Rows} rows intact, head {Head}{Checked}.", by, result.RowsVerified,
                result.Head?.ToString() ?? "(empty)", result.CheckedHead is null ? "" : $", holds the recorded head {result.CheckedHead}");
        }
        else
        {
            logger.LogError("AUDIT CHAIN BROKEN ({By}): {Problem}. The audit log can no longer be trusted from that row on; " +
                "keep a copy of the database file and find out who could write it.", by, result.Problem);
        }
        return check;
    }
}
