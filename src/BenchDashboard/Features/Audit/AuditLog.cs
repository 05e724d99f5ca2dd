using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Data.Postgres;
using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Features.Audit;

/// <summary>
/// The append-only, hash-chained audit log (decisions 0008 and 0020). Each row's hash is an HMAC-SHA256, under a key kept
/// in configuration and never in the database, of its sequence number, time, actor, action, subject, payload, the
/// previous row's hash and the key's id. Editing, deleting or reordering any row breaks the chain
/// (<see cref="VerifyAsync"/>), and without the key nobody can recompute it. Deleting the newest rows leaves a shorter
/// chain that is still whole: only a head copied out of the database (<see cref="HeadAsync"/>) exposes that. SQLite
/// triggers also refuse UPDATE and DELETE on the table. Rows written before the chain was keyed carry no key id and a
/// plain SHA-256; they may only come first, and only as many as <c>BenchDashboard:Audit:UnkeyedRows</c> vouches for.
/// </summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, AuditKeyring keys)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    // One writer at a time: the next row needs the previous row's hash and id. The semaphore orders this process's
    // writers; on PostgreSQL, where several instances may share the database, a transaction lock orders the processes
    // (decision 0026). SQLite has one process and one writer.
    private static readonly SemaphoreSlim AppendLock = new(1, 1);

    public Task<AuditEvent> AppendAsync(string actor, string action, string? subject = null, object? payload = null,
        CancellationToken ct = default) =>
        AppendWithAsync(actor, action, subject, payload, (_, _, _) => Task.CompletedTask, ct);

    /// <summary>
    /// Runs <paramref name="work"/> on the log's own context and transaction and appends the event after it: both are
    /// committed together or neither is, so a change that must be on record (an issued report) is never stored without
    /// its event. The work is told the sequence number the event will get, so what it stores can point at its event.
    /// It runs while the log is locked: keep it to a few writes, nothing slow.
    /// </summary>
    public Task<AuditEvent> AppendWithAsync(string actor, string action, string? subject, object? payload,
        Func<AppDbContext, long, CancellationToken, Task> work, CancellationToken ct = default) =>
        AppendWithAsync(actor, async (db, sequence, token) =>
        {
            await work(db, sequence, token);
            return new AuditEntry(action, subject, payload);
        }, ct);

    /// <summary>
    /// As above, for a change whose event depends on what the work found (a project created or only renamed): the work
    /// returns the event's action, subject and payload.
    /// </summary>
    public async Task<AuditEvent> AppendWithAsync(string actor, Func<AppDbContext, long, CancellationToken, Task<AuditEntry>> work,
        CancellationToken ct = default)
    {
        await AppendLock.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Taken before the last row is read and held until commit; each statement after it reads what was committed
            // before it was granted, so the other instance's newest row is seen.
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLocks.AuditAppend})", ct);
            var last = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id)
                .Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(ct);
            var (action, subject, payload) = await work(db, (last?.Id ?? 0) + 1, ct);
            var payloadJson = payload is null ? null : JsonSerializer.Serialize(payload, JsonOptions);
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
                KeyId = keys.CurrentKeyId,
                Hash = "",
            };
            row.Hash = ComputeHash(row, keys.CurrentKey);
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

    /// <summary>The newest row as stored (null while the log is empty): what alerts and the Admin page copy out.</summary>
    public async Task<AuditHead?> HeadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id)
            .Select(e => new AuditHead(e.Id, e.Hash)).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Walks the whole chain and reports the first row that does not fit. With <paramref name="expected"/>, a head recorded
    /// outside the database earlier, it also reports a chain that no longer holds that row with that hash: rows deleted
    /// from the end, or a chain rebuilt from that row on.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(AuditHead? expected = null, CancellationToken ct = default)
    {
        expected = expected is null ? null : expected with { Hash = expected.Hash.ToLowerInvariant() };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        long expectedId = 1;
        var prevHash = GenesisHash;
        long count = 0, unkeyed = 0;
        bool seenKeyed = false, seenCurrent = false;
        await foreach (var row in db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            var problem = Problem(row, expectedId, prevHash, seenKeyed, seenCurrent, expected);
            if (problem is not null) return AuditVerification.Broken(count, row.Id, problem, await HeadAsync(ct), expected);
            if (row.KeyId is null) unkeyed++;
            seenKeyed |= row.KeyId is not null;
            seenCurrent |= row.KeyId is not null && keys.IsCurrent(row.KeyId);
            prevHash = row.Hash;
            expectedId++;
            count++;
        }
        var head = count == 0 ? null : new AuditHead(count, prevHash);
        if (expected is not null && expected.Sequence > count)
        {
            return AuditVerification.Broken(count, null,
                $"the chain ends at row {count}, but row {expected.Sequence} (hash {Short(expected.Hash)}) was recorded outside the database: " +
                $"rows {count + 1}–{expected.Sequence} were deleted", head, expected);
        }
        return AuditVerification.Intact(count, head, unkeyed, expected);
    }

    /// <summary>Why <paramref name="row"/> does not fit where it stands, or null.</summary>
    private string? Problem(AuditEvent row, long expectedId, string prevHash, bool seenKeyed, bool seenCurrent, AuditHead? expected)
    {
        if (row.Id != expectedId) return $"row {expectedId} is missing (next row is {row.Id})";
        if (row.PrevHash != prevHash) return $"row {row.Id} does not link to row {row.Id - 1}";
        byte[]? key = null;
        if (row.KeyId is null)
        {
            // Unkeyed rows are only those the configuration vouches for: otherwise anyone could rewrite the whole chain
            // in the unkeyed form, without the key, and pass it off as a database of an earlier release.
            if (row.Id > keys.UnkeyedRows)
            {
                return keys.UnkeyedRows == 0
                    ? $"row {row.Id} is not keyed. If this database comes from a release before the audit chain was keyed, set " +
                      "BenchDashboard:Audit:UnkeyedRows to the number of rows it held then (README, \"Audit log\")"
                    : $"row {row.Id} is not keyed, but BenchDashboard:Audit:UnkeyedRows vouches for rows 1–{keys.UnkeyedRows} only";
            }
            if (seenKeyed) return $"row {row.Id} is not keyed but follows keyed rows: only rows from before the chain was keyed may be unkeyed";
        }
        else if (!keys.TryGetKey(row.KeyId, out key))
        {
            return $"row {row.Id} was keyed with the key '{row.KeyId}', which is not configured (add it to BenchDashboard:Audit:RetiredKeys)";
        }
        else if (seenCurrent && !keys.IsCurrent(row.KeyId))
        {
            return $"row {row.Id} was keyed with the retired key '{row.KeyId}' after rows keyed with the current key";
        }
        if (ComputeHash(row, key) != row.Hash) return $"row {row.Id} was altered: its content does not match its hash";
        if (expected is not null && row.Id == expected.Sequence && row.Hash != expected.Hash)
        {
            return $"row {row.Id} is not the row recorded outside the database (hash {Short(expected.Hash)}, here {Short(row.Hash)}): " +
                   $"the chain was rewritten up to row {row.Id}";
        }
        return null;
    }

    /// <summary>
    /// A row's hash: HMAC-SHA256 with <paramref name="key"/> over its canonical text and key id, or, for a row from before
    /// the chain was keyed (no key id), the plain SHA-256 of the canonical text that release used.
    /// </summary>
    internal static string ComputeHash(AuditEvent row, byte[]? key)
    {
        var fields = new List<string>
        {
            row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            row.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            Escape(row.Actor), Escape(row.Action), Escape(row.Subject), Escape(row.PayloadJson), row.PrevHash,
        };
        if (row.KeyId is null) return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', fields))));
        ArgumentNullException.ThrowIfNull(key);
        fields.Add(Escape(row.KeyId));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Join('\n', fields))));
    }

    // Null and empty must hash differently, and a newline inside a field must not fake a field boundary.
    private static string Escape(string? value) => value is null ? "\\0" : value.Replace("\\", "\\\\").Replace("\n", "\\n");

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;

    internal static DateTime TruncateToMicroseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
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
    /// <summary>A lead retired a bench case (payload: project, reason, time); it leaves the bench from then on.</summary>
    public const string BenchCaseRetired = "bench_case.retired";
    /// <summary>A lead brought a retired bench case back (payload: project, reason, time, when it had been retired).</summary>
    public const string BenchCaseReactivated = "bench_case.reactivated";
    public const string FailureCategoriesChanged = "sampling.failure_categories_changed";
    public const string SignalAcknowledged = "signal.acknowledged";
    public const string SignalSnoozed = "signal.snoozed";
    public const string SignalRebaselined = "signal.rebaselined";
    /// <summary>An upgrade audit of two bench runs was opened (UI or API).</summary>
    public const string UpgradeAuditOpened = "upgrade_audit.opened";
    /// <summary>A Lead decided one or more cases of an upgrade audit (payload: decision, rationale, case ids).</summary>
    public const string UpgradeAuditDecided = "upgrade_audit.decided";
    /// <summary>A Lead signed an upgrade audit off; it clears the cadence item for the head's version.</summary>
    public const string UpgradeAuditSignedOff = "upgrade_audit.signed_off";
    /// <summary>A rubric version was imported through the API, or the item-less version a bench run named was completed (payload: number, item keys).</summary>
    public const string RubricVersionImported = "rubric_version.imported";
    /// <summary>A Lead started the quarter's rubric review from the current version (payload: quarter, from-version).</summary>
    public const string RubricReviewStarted = "rubric_review.started";
    /// <summary>The author decided one or more items of a draft review (keep, change, drop; payload: rationale, wording, keys).</summary>
    public const string RubricReviewDecided = "rubric_review.decided";
    /// <summary>The author added an item to a draft review (payload: key, wording, weight, failure category, rationale).</summary>
    public const string RubricReviewItemAdded = "rubric_review.item_added";
    /// <summary>The author took an added item out of a draft review again.</summary>
    public const string RubricReviewItemRemoved = "rubric_review.item_removed";
    /// <summary>The author submitted a review for approval (payload: decisions and the re-grade impact).</summary>
    public const string RubricReviewSubmitted = "rubric_review.submitted";
    /// <summary>A second Lead or an Admin approved a review: the new rubric version exists (payload: its number, the changes, the impact).</summary>
    public const string RubricReviewApproved = "rubric_review.approved";
    /// <summary>A review was abandoned with a reason.</summary>
    public const string RubricReviewAbandoned = "rubric_review.abandoned";
    /// <summary>Someone checked the audit chain on demand (the Admin page or the API); the payload holds the outcome.</summary>
    public const string ChainVerified = "audit.chain_verified";
    /// <summary>An audit report was issued and archived (subject: the report id; payload: project, period, SHA-256, size).</summary>
    public const string ReportIssued = "report.issued";
}
