using BenchDashboard.Data;
using BenchDashboard.Features.Audit;
using BenchDashboard.Tests.Infrastructure;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Audit;

public abstract class AuditLogTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : AuditLogTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : AuditLogTests(DatabaseProvider.Postgres);

    private readonly TestDatabase database = TestDatabase.Create(provider);
    private AuditLog log = default!;

    public async ValueTask InitializeAsync()
    {
        await database.MigrateAsync();
        log = new AuditLog(database.Factory, TimeProvider.System, TestAuditKeys.Keyring);
        await log.AppendAsync("alice@test.local", AuditActions.SignIn, "user:alice@test.local");
        await log.AppendAsync("alice@test.local", AuditActions.ApiKeyCreated, "api_key:1", new { Name = "ingest", Scopes = "Ingest" });
        await log.AppendAsync("bob@test.local", AuditActions.RolesChanged, "user:carol@test.local", new { From = new[] { "Reviewer" }, To = new[] { "Lead" } });
        await log.AppendAsync("bob@test.local", AuditActions.SignOut, "user:bob@test.local");
    }

    public ValueTask DisposeAsync()
    {
        database.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_untouched_log_verifies_as_intact()
    {
        var result = await log.VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(4, result.RowsVerified);
    }

    [Fact]
    public async Task Rows_link_to_their_predecessor_from_the_genesis_hash()
    {
        await using var db = database.CreateContext();
        var rows = await db.AuditEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(AuditLog.GenesisHash, rows[0].PrevHash);
        for (var i = 1; i < rows.Count; i++) Assert.Equal(rows[i - 1].Hash, rows[i].PrevHash);
        Assert.Equal([1L, 2, 3, 4], rows.Select(r => r.Id));
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_audit_rows()
    {
        await using var db = database.CreateContext();
        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Actor" = 'mallory' WHERE "Id" = 2"""));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEvents" WHERE "Id" = 2"""));
        Assert.Contains("append-only", delete.Message);
    }

    public static TheoryData<string, string> Tampering => new()
    {
        { "UPDATE \"AuditEvents\" SET \"Actor\" = 'mallory@test.local' WHERE \"Id\" = 2", "row 2 was altered" },
        { "UPDATE \"AuditEvents\" SET \"PayloadJson\" = '[\"other\"]' WHERE \"Id\" = 2", "row 2 was altered" },
        { "UPDATE \"AuditEvents\" SET \"Subject\" = NULL WHERE \"Id\" = 3", "row 3 was altered" },
        { "UPDATE \"AuditEvents\" SET \"At\" = '2020-01-01 00:00:00' WHERE \"Id\" = 1", "row 1 was altered" },
        { "UPDATE \"AuditEvents\" SET \"Action\" = 'auth.sign_in' WHERE \"Id\" = 4", "row 4 was altered" },
        { "DELETE FROM \"AuditEvents\" WHERE \"Id\" = 2", "row 2 is missing" },
        // A forger who recomputes a row's own hash still breaks the link to the next row.
        { "UPDATE \"AuditEvents\" SET \"Hash\" = '" + new string('a', 64) + "' WHERE \"Id\" = 3", "row 3 was altered" },
        { "UPDATE \"AuditEvents\" SET \"PrevHash\" = '" + new string('b', 64) + "' WHERE \"Id\" = 3", "row 3 does not link to row 2" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Tampering_with_any_row_is_reported_by_verify(string tamper, string expectedProblem)
    {
        await using (var db = database.CreateContext())
        {
            // Someone with the file can drop the guards; the hash chain must still tell.
            await db.Database.ExecuteSqlRawAsync(database.DropTriggerSql("AuditEvents_NoUpdate", "AuditEvents"));
            await db.Database.ExecuteSqlRawAsync(database.DropTriggerSql("AuditEvents_NoDelete", "AuditEvents"));
            await db.Database.ExecuteSqlRawAsync(tamper);
        }

        var result = await log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Contains(expectedProblem, result.Problem);
    }

    [Fact]
    public async Task A_row_forged_with_the_key_still_breaks_the_link_of_the_next_row()
    {
        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync(database.DropTriggerSql("AuditEvents_NoUpdate", "AuditEvents"));
            var row = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Id == 2);
            row.Actor = "mallory@test.local";
            // Even someone holding the key who recomputes one row's hash leaves the next row pointing at the old one.
            var forgedHash = AuditLog.ComputeHash(row, System.Text.Encoding.UTF8.GetBytes(TestAuditKeys.Key));
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Actor" = {row.Actor}, "Hash" = {forgedHash} WHERE "Id" = 2""");
        }

        var result = await log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BrokenRowId);
    }

    [Fact]
    public async Task Concurrent_appends_keep_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => log.AppendAsync($"user{i}", "test.concurrent", $"item:{i}"))));
        var result = await log.VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(44, result.RowsVerified);
    }
}
