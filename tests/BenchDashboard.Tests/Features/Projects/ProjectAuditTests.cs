using System.Text.Json;
using BenchDashboard.Data;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Projects;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Projects;

/// <summary>
/// A project and the audit event that records its creation are one write: an auditor never finds a project the log
/// does not know was created, whatever fails in between.
/// </summary>
public abstract class ProjectAuditTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ProjectAuditTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : ProjectAuditTests(DatabaseProvider.Postgres);

    private TestDatabase database = default!;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateMigratedAsync(provider);

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private ProjectService Projects => new(database.Factory, new AuditLog(database.Factory, TimeProvider.System, TestAuditKeys.Keyring));

    [Fact]
    public async Task Creating_then_renaming_a_project_records_one_created_and_one_updated_event_with_the_names()
    {
        Assert.True(await Projects.UpsertAsync("billing-bot", "Billing bot", null, "lead@example.com"));
        Assert.False(await Projects.UpsertAsync("billing-bot", "Billing assistant", "Answers invoices.", "admin@example.com"));

        await using var db = database.CreateContext();
        var events = await db.AuditEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditActions.ProjectCreated, AuditActions.ProjectUpdated], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal("project:billing-bot", e.Subject));
        Assert.Equal(["lead@example.com", "admin@example.com"], events.Select(e => e.Actor));
        Assert.Equal("Billing assistant", JsonDocument.Parse(events[1].PayloadJson!).RootElement.GetProperty("name").GetString());
        Assert.Equal("Billing assistant", (await db.Projects.SingleAsync()).Name);
    }

    [Fact]
    public async Task A_project_whose_audit_event_cannot_be_written_is_not_created()
    {
        await using (var db = database.CreateContext())
        {
            foreach (var sql in database.RejectInsertsSql("AuditEvents")) await db.Database.ExecuteSqlRawAsync(sql);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => Projects.UpsertAsync("unrecorded", "Unrecorded", null, "lead@example.com"));

        await using var check = database.CreateContext();
        Assert.False(await check.Projects.AnyAsync(p => p.Slug == "unrecorded"));
    }
}
