using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Sampling;

public abstract class FailureCategoryTests(DatabaseProvider provider)
{
    public sealed class OnSqlite() : FailureCategoryTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : FailureCategoryTests(DatabaseProvider.Postgres);

    [Fact]
    public async Task A_project_starts_with_the_defaults_and_a_lead_replaces_the_list_with_an_audit_entry()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Projects.Add(new Project { Slug = "p", Name = "P", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var service = new FailureCategoryService(database.Factory, new AuditLog(database.Factory, TimeProvider.System, TestAuditKeys.Keyring));
        Assert.Equal(FailureCategoryService.Defaults, await service.ListAsync(1));

        Assert.Empty(await service.SaveAsync(1, ["  wrong policy ", "", "Tone", "deflects dispute"], "lead@test"));

        Assert.Equal(["deflects dispute", "Tone", "wrong policy"], await service.ListAsync(1));
        await using var check = database.CreateContext();
        var audit = await check.AuditEvents.SingleAsync(a => a.Action == AuditActions.FailureCategoriesChanged);
        Assert.Contains("wrong policy", audit.PayloadJson);
    }

    [Fact]
    public void Lists_that_cannot_be_saved_are_named()
    {
        Assert.Contains("Keep at least one failure category.", FailureCategoryService.Validate([]));
        Assert.Contains("“Tone” appears more than once.", FailureCategoryService.Validate(["Tone", "tone"]));
        Assert.Contains(FailureCategoryService.Validate([new string('x', 129)]), p => p.Contains("longer than 128 characters"));
        Assert.Contains("At most 30 failure categories.", FailureCategoryService.Validate(Enumerable.Range(0, 31).Select(i => $"c{i}").ToList()));
        Assert.Contains("A category is one line of text.", FailureCategoryService.Validate(["bell\u0007"]));
    }
}
