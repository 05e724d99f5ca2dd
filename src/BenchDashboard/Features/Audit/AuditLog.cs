using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Audit;

/// <summary>
/// The append-only, hash-chained audit log. Each row's hash covers its sequence number, time, actor, action,
/// subject, payload and the previous row's hash, so editing, deleting or reordering any row breaks the chain
/// (<see cref="VerifyAsync"/>). SQLite triggers also refuse UPDATE and DELETE on the table.
/// </summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    // One writer at a time: the next row needs the previous row's hash and id.
    private static readonly SemaphoreSlim AppendLock = new(1, 1);

    public async Task<AuditEvent> AppendAsync(string actor, string action, string? subject = null, object? payload = null,
        CancellationToken ct = default)
    {
        var payloadJson = payload is null ? null : JsonSerializer.Serialize(payload, JsonOptions);
        await AppendLock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var last = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id)
                .Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(ct);
            var row = new AuditEvent
            {
                Id = (last?.Id ?? 0) + 1,
                // Truncated to microseconds: what SQLite stores must hash the same when read back.
                At = TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime),
                Actor = actor,
                Action = action,
                Subject = subject,
                PayloadJson = payloadJson,
                PrevHash = last?.Hash ?? GenesisHash,
                Hash = "",
            };
            row.Hash = ComputeHash(row);
            db.AuditEvents.Add(row);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return row;
        }
        finally
        {
            AppendLock.Release();
        }
    }

    /// <summary>Walks the whole chain and reports the first row that does not fit.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        long expectedId = 1;
        var prevHash = GenesisHash;
        long count = 0;
        await foreach (var row in db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (row.Id != expectedId)
            {
                return AuditVerification.Broken(count, row.Id, $"row {expectedId} is missing (next row is {row.Id})");
            }
            if (row.PrevHash != prevHash)
            {
                return AuditVerification.Broken(count, row.Id, $"row {row.Id} does not link to row {row.Id - 1}");
            }
            if (ComputeHash(row) != row.Hash)
            {
                return AuditVerification.Broken(count, row.Id, $"row {row.Id} was altered: its content does not match its hash");
            }
            prevHash = row.Hash;
            expectedId++;
            count++;
        }
        return AuditVerification.Intact(count);
    }

    internal static string ComputeHash(AuditEvent row)
    {
        var canonical = string.Join('\n',
            row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            row.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            Escape(row.Actor), Escape(row.Action), Escape(row.Subject), Escape(row.PayloadJson), row.PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    // Null and empty must hash differently, and a newline inside a field must not fake a field boundary.
    private static string Escape(string? value) => value is null ? "\\0" : value.Replace("\\", "\\\\").Replace("\n", "\\n");

    private static DateTime TruncateToMicroseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>The outcome of <see cref="AuditLog.VerifyAsync"/>.</summary>
public sealed record AuditVerification(bool IsIntact, long RowsVerified, long? BrokenRowId, string? Problem)
{
    public static AuditVerification Intact(long rows) => new(true, rows, null, null);
    public static AuditVerification Broken(long rowsVerified, long rowId, string problem) => new(false, rowsVerified, rowId, problem);
}

/// <summary>Audit action names, so the log reads consistently.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string SignOut = "auth.sign_out";
    public const string UserCreated = "user.created";
    public const string RolesChanged = "user.roles_changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    /// <summary>An admin lifted the lockout that failed sign-ins put on an account.</summary>
    public const string UserUnlocked = "user.unlocked";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string Bootstrap = "system.bootstrap";
    public const string DemoSeeded = "system.demo_seeded";
    public const string ProjectCreated = "project.created";
    public const string ProjectUpdated = "project.updated";
    /// <summary>An admin deleted a project's traces, feedback and daily aggregates in a range of days (payload: range and counts).</summary>
    public const string ProjectDataDeleted = "project.data_deleted";
    public const string VersionRecorded = "version.recorded";
    public const string BenchRunImported = "bench_run.imported";
    public const string MetricsImported = "metrics.imported";
    /// <summary>A file imported on the Import page (traces, feedback, metrics or a promptfoo run).</summary>
    public const string FileImported = "import.file";
    public const string SignalSettingsChanged = "signals.settings_changed";
    public const string WebhookChanged = "signals.webhook_changed";
    public const string SamplingRoundStarted = "sampling.round_started";
    public const string SamplingRoundClosed = "sampling.round_closed";
    public const string DisagreementSettled = "sampling.disagreement_settled";
    public const string DraftCaseAccepted = "sampling.draft_accepted";
    public const string DraftCaseRejected = "sampling.draft_rejected";
    public const string FailureCategoriesChanged = "sampling.failure_categories_changed";
    public const string SignalAcknowledged = "signal.acknowledged";
    public const string SignalSnoozed = "signal.snoozed";
    public const string SignalRebaselined = "signal.rebaselined";
}
