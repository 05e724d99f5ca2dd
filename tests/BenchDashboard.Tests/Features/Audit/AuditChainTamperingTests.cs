using System.Text;
using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Audit;

/// <summary>
/// What someone with write access to the database (the SQLite file, or the PostgreSQL tables' owner), but not the audit
/// key, can do to the log, and how it shows (issue 12, finding 7): the guards (triggers) dropped first every time, since
/// the database's owner can always drop them.
/// </summary>
public abstract class AuditChainTamperingTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : AuditChainTamperingTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : AuditChainTamperingTests(DatabaseProvider.Postgres);

    private const string OldKey = "the-key-before-rotation-0123456789abcdefghij";
    private const string NewKey = "the-key-after-rotation-0123456789abcdefghijk";
    private readonly TestDatabase database = TestDatabase.Create(provider);

    public async ValueTask InitializeAsync() => await database.MigrateAsync();

    public ValueTask DisposeAsync()
    {
        database.Dispose();
        return ValueTask.CompletedTask;
    }

    private AuditLog Log(AuditKeyring? keys = null) => new(database.Factory, TimeProvider.System, keys ?? TestAuditKeys.Keyring);

    private static async Task AppendAsync(AuditLog log, int count)
    {
        for (var i = 0; i < count; i++) await log.AppendAsync($"user{i}@test.local", AuditActions.SignIn, $"user:user{i}@test.local", new { n = i });
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task DropGuardsAsync()
    {
        await SqlAsync(database.DropTriggerSql("AuditEvents_NoUpdate", "AuditEvents"));
        await SqlAsync(database.DropTriggerSql("AuditEvents_NoDelete", "AuditEvents"));
    }

    /// <summary>Changes row 2 and rewrites every row's link and hash from the first on with <paramref name="hash"/>.</summary>
    private async Task RewriteChainAsync(Func<AuditEvent, string> hash, Action<AuditEvent>? eachRow = null, long fromId = 1)
    {
        await using var db = database.CreateContext();
        var rows = await db.AuditEvents.OrderBy(e => e.Id).ToListAsync();
        var prev = fromId == 1 ? AuditLog.GenesisHash : rows.Single(r => r.Id == fromId - 1).Hash;
        foreach (var row in rows.Where(r => r.Id >= fromId))
        {
            if (row.Id == 2) row.Actor = "mallory@test.local";
            eachRow?.Invoke(row);
            row.PrevHash = prev;
            row.Hash = hash(row);
            prev = row.Hash;
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Deleting_the_newest_rows_is_reported_against_the_head_recorded_outside_the_database()
    {
        var log = Log();
        await AppendAsync(log, 4);
        var recorded = await log.HeadAsync(); // what an alert carried away
        await DropGuardsAsync();
        await SqlAsync("""DELETE FROM "AuditEvents" WHERE "Id" > 2""");

        // The shorter chain still fits together: the database alone cannot tell.
        Assert.True((await log.VerifyAsync()).IsIntact);
        var result = await log.VerifyAsync(recorded);

        Assert.False(result.IsIntact);
        Assert.Null(result.BrokenRowId);
        Assert.Contains("the chain ends at row 2, but row 4", result.Problem);
        Assert.Contains("rows 3–4 were deleted", result.Problem);
        Assert.Equal(2, result.Head!.Sequence);
    }

    [Fact]
    public async Task Deleting_the_newest_rows_and_appending_new_ones_in_their_place_is_reported_against_the_recorded_head()
    {
        var log = Log();
        await AppendAsync(log, 4);
        var recorded = await log.HeadAsync();
        await DropGuardsAsync();
        await SqlAsync("""DELETE FROM "AuditEvents" WHERE "Id" > 2""");
        await AppendAsync(log, 3);

        var result = await log.VerifyAsync(recorded);

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.BrokenRowId);
        Assert.Contains("row 4 is not the row recorded outside the database", result.Problem);
    }

    [Fact]
    public async Task A_chain_that_grew_since_the_head_was_recorded_holds_it()
    {
        var log = Log();
        await AppendAsync(log, 3);
        var recorded = (await log.HeadAsync())!;
        await AppendAsync(log, 2);

        // As typed from a printout: upper case is the same hash.
        var result = await log.VerifyAsync(recorded with { Hash = recorded.Hash.ToUpperInvariant() });

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(5, result.RowsVerified);
        Assert.Equal(recorded, result.CheckedHead);
    }

    /// <summary>The unkeyed hash of the row's text, as anyone can compute it: what the chain was before it was keyed.</summary>
    private static string PlainSha256(AuditEvent row)
    {
        var keyId = row.KeyId;
        row.KeyId = null;
        try
        {
            return AuditLog.ComputeHash(row, null);
        }
        finally
        {
            row.KeyId = keyId;
        }
    }

    public static TheoryData<string> Forgeries => ["plain SHA-256, key ids kept", "plain SHA-256, as unkeyed rows", "HMAC with a guessed key"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_row_rewritten_and_the_whole_chain_recomputed_without_the_key_is_reported(string forgery)
    {
        var log = Log();
        await AppendAsync(log, 4);
        await DropGuardsAsync();
        var guessed = Encoding.UTF8.GetBytes("a-guess-at-the-key-0123456789abcdefghijklmnop");
        await RewriteChainAsync(
            row => forgery == "HMAC with a guessed key" ? AuditLog.ComputeHash(row, guessed) : PlainSha256(row),
            row => row.KeyId = forgery switch
            {
                "plain SHA-256, key ids kept" => row.KeyId,
                "plain SHA-256, as unkeyed rows" => null,
                _ => row.KeyId,
            });

        var result = await log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(1, result.BrokenRowId);
        Assert.Contains(forgery == "plain SHA-256, as unkeyed rows" ? "row 1 is not keyed" : "row 1 was altered", result.Problem);
    }

    [Fact]
    public async Task After_a_rotation_both_keys_rows_verify_while_the_old_key_is_configured_as_retired()
    {
        await AppendAsync(Log(new AuditKeyring("k1", OldKey)), 3);
        var rotated = new AuditKeyring("k2", NewKey, new Dictionary<string, string> { ["k1"] = OldKey });
        await AppendAsync(Log(rotated), 2);

        var result = await Log(rotated).VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(5, result.RowsVerified);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(["k1", "k1", "k1", "k2", "k2"], await db.AuditEvents.OrderBy(e => e.Id).Select(e => e.KeyId).ToListAsync());
        }

        var withoutOldKey = await Log(new AuditKeyring("k2", NewKey)).VerifyAsync();
        Assert.False(withoutOldKey.IsIntact);
        Assert.Equal(1, withoutOldKey.BrokenRowId);
        Assert.Contains("key 'k1', which is not configured", withoutOldKey.Problem);
    }

    [Fact]
    public async Task Rows_keyed_with_a_retired_key_after_rows_of_the_current_key_are_reported()
    {
        var rotated = new AuditKeyring("k2", NewKey, new Dictionary<string, string> { ["k1"] = OldKey });
        await AppendAsync(Log(new AuditKeyring("k1", OldKey)), 2);
        await AppendAsync(Log(rotated), 2);
        // A leaked old key must not let anyone add rows after the rotation.
        await AppendAsync(Log(new AuditKeyring("k1", OldKey)), 1);

        var result = await Log(rotated).VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(5, result.BrokenRowId);
        Assert.Contains("retired key 'k1' after rows keyed with the current key", result.Problem);
    }

    /// <summary>Rows as the release before the keyed chain wrote them: no key id, plain SHA-256.</summary>
    private async Task WriteUnkeyedRowsAsync(int count)
    {
        await using var db = database.CreateContext();
        var prev = AuditLog.GenesisHash;
        for (var id = 1; id <= count; id++)
        {
            var row = new AuditEvent
            {
                Id = id, At = new DateTime(2026, 3, 1, 10, id, 0, DateTimeKind.Utc), Actor = "lead@old.local", Action = AuditActions.SignIn,
                Subject = "user:lead@old.local", PrevHash = prev, Hash = "",
            };
            row.Hash = AuditLog.ComputeHash(row, null);
            prev = row.Hash;
            db.AuditEvents.Add(row);
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Unkeyed_rows_of_an_earlier_release_verify_when_configured_and_new_rows_continue_the_chain_keyed()
    {
        await WriteUnkeyedRowsAsync(3);
        var keys = new AuditKeyring("k1", NewKey, unkeyedRows: 3);
        var log = Log(keys);
        await AppendAsync(log, 2);

        var result = await log.VerifyAsync();

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(5, result.RowsVerified);
        Assert.Equal(3, result.UnkeyedRows);
        await using var db = database.CreateContext();
        var rows = await db.AuditEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([null, null, null, "k1", "k1"], rows.Select(r => r.KeyId));
        Assert.Equal(rows[2].Hash, rows[3].PrevHash);
    }

    [Fact]
    public async Task Unkeyed_rows_the_configuration_does_not_vouch_for_are_reported()
    {
        await WriteUnkeyedRowsAsync(3);

        var notConfigured = await Log(new AuditKeyring("k1", NewKey)).VerifyAsync();
        Assert.False(notConfigured.IsIntact);
        Assert.Equal(1, notConfigured.BrokenRowId);
        Assert.Contains("set BenchDashboard:Audit:UnkeyedRows", notConfigured.Problem);

        var tooFew = await Log(new AuditKeyring("k1", NewKey, unkeyedRows: 2)).VerifyAsync();
        Assert.False(tooFew.IsIntact);
        Assert.Equal(3, tooFew.BrokenRowId);
    }

    [Fact]
    public async Task Keyed_rows_rewritten_as_unkeyed_ones_after_an_upgrade_are_reported()
    {
        await WriteUnkeyedRowsAsync(2);
        var keys = new AuditKeyring("k1", NewKey, unkeyedRows: 2);
        await AppendAsync(Log(keys), 3);
        await DropGuardsAsync();
        // The forger passes the keyed rows off as rows of the earlier release, recomputed without the key.
        await RewriteChainAsync(row => AuditLog.ComputeHash(row, null), row => row.KeyId = null);

        var result = await Log(keys).VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenRowId);
        Assert.Contains("row 3 is not keyed", result.Problem);
    }
}
