using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Bench;
using BenchDashboard.Features.Bench.Cases;
using BenchDashboard.Features.Bench.Runs;
using BenchDashboard.Features.Trends;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BenchDashboard.Tests.Features.Bench;

/// <summary>Retiring and reactivating bench cases: data time, the reason, the audit log, and what the Bench page reads.</summary>
public abstract class BenchCaseRetirementTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : BenchCaseRetirementTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : BenchCaseRetirementTests(DatabaseProvider.Postgres);

    private static readonly DateTime Now = new(2026, 6, 10, 12, 0, 0, DateTimeKind.Utc);
    private readonly TestDatabase database = TestDatabase.Create(provider);
    private readonly ManualClock clock = new(Now);
    private AuditLog audit = default!;
    private BenchCaseRetirement retirement = default!;
    private BenchRunQueries runQueries = default!;
    private BenchCaseQueries caseQueries = default!;
    private int projectId, otherProjectId, versionId;

    public async ValueTask InitializeAsync()
    {
        await database.MigrateAsync();
        audit = new AuditLog(database.Factory, clock, TestAuditKeys.Keyring);
        retirement = new BenchCaseRetirement(database.Factory, audit, clock);
        runQueries = new BenchRunQueries(database.Factory, new BenchRunsService(database.Factory));
        caseQueries = new BenchCaseQueries(database.Factory);
        await using var db = database.CreateContext();
        var project = new Project { Slug = "bench", Name = "Bench", CreatedAt = Now };
        var other = new Project { Slug = "other", Name = "Other", CreatedAt = Now };
        db.Projects.AddRange(project, other);
        await db.SaveChangesAsync();
        (projectId, otherProjectId) = (project.Id, other.Id);
        var version = new PipelineVersion { ProjectId = projectId, Version = "v1", DeployedAt = Now.AddDays(-30), Model = "m" };
        db.PipelineVersions.Add(version);
        db.BenchCases.Add(Case(otherProjectId, "c1", "billing", BenchCaseSource.Imported, "someone else's case"));
        db.BenchCases.AddRange(
            Case(projectId, "c1", "billing", BenchCaseSource.Imported, "Refund a lost parcel"),
            Case(projectId, "c2", "billing", BenchCaseSource.ProductionGap, "Why was I charged twice?"),
            Case(projectId, "c3", "shipping", BenchCaseSource.Incident, "Where is my PARCEL?"));
        await db.SaveChangesAsync();
        versionId = version.Id;
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private static BenchCase Case(int project, string id, string category, BenchCaseSource source, string input) => new()
    {
        ProjectId = project, ExternalId = id, Category = category, Source = source, Input = input, Status = BenchCaseStatus.Active,
        CreatedAt = Now.AddDays(-30), FirstSeenAt = Now.AddDays(-30),
    };

    /// <summary>A run of the project at <paramref name="startedAt"/> with the given outcomes per case id.</summary>
    private async Task RunAsync(string runId, DateTime startedAt, params (string CaseId, bool Passed)[] outcomes)
    {
        await using var db = database.CreateContext();
        var ids = outcomes.Select(o => o.CaseId).ToList();
        var cases = await db.BenchCases.Where(c => c.ProjectId == projectId && ids.Contains(c.ExternalId)).ToDictionaryAsync(c => c.ExternalId, c => c.Id);
        db.BenchRuns.Add(new BenchRun
        {
            ProjectId = projectId, RunId = runId, PipelineVersionId = versionId, StartedAt = startedAt,
            Results = outcomes.Select(o => new BenchResult { BenchCaseId = cases[o.CaseId], Passed = o.Passed }).ToList(),
        });
        await db.SaveChangesAsync();
    }

    private async Task<List<AuditEvent>> CaseEventsAsync()
    {
        await using var db = database.CreateContext();
        return await db.AuditEvents.Where(e => e.Subject == "bench-case:c1").OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task A_retired_case_leaves_the_pass_rate_of_runs_from_its_retirement_on_and_earlier_runs_keep_it()
    {
        await RunAsync("before", Now.AddDays(-2), ("c1", false), ("c2", true), ("c3", true));

        Assert.Equal(RetirementOutcome.Done, await retirement.RetireAsync(projectId, "c1", "The model fixed this long ago; it tells us nothing.", "lead@example.com"));
        clock.Advance(TimeSpan.FromHours(1));
        await RunAsync("after", clock.GetUtcNow().UtcDateTime, ("c1", false), ("c2", true), ("c3", true));

        var runs = (await runQueries.PageAsync(projectId)).Rows;
        var after = runs.Single(r => r.RunId == "after");
        var before = runs.Single(r => r.RunId == "before");
        Assert.Equal((2, 2, 1), (after.Counted, after.Passed, after.NotCounted));
        Assert.Equal((3, 2, 0), (before.Counted, before.Passed, before.NotCounted));
        Assert.Equal(1.0, after.PassRate);

        // The Trends chart applies the same rule.
        var trends = await new TrendsService(database.Factory).GetAsync(projectId, DateOnly.FromDateTime(Now.AddDays(-3)), DateOnly.FromDateTime(Now), TrendBucket.Day);
        Assert.Equal([2.0 / 3, 1.0], trends.Series[TrendMetrics.BenchPassRate].Select(p => p.Value));
        // And the runs API (GET …/bench-runs), which used to count every result a run carried.
        var listed = await new BenchRunsService(database.Factory).ListAsync(projectId);
        Assert.Equal([("after", 2, 2), ("before", 3, 2)], listed.Select(r => (r.RunId, r.Cases, r.Passed)));

        // The case's own history marks the result it left out.
        var detail = (await caseQueries.DetailAsync(projectId, "c1"))!;
        Assert.Equal(BenchCaseStatus.Retired, detail.Status);
        Assert.Equal(Now, detail.RetiredAt);
        Assert.Equal([("after", false), ("before", true)], detail.Results.Select(r => (r.RunId, r.Counted)));

        var entry = Assert.Single(await CaseEventsAsync());
        Assert.Equal((AuditActions.BenchCaseRetired, "lead@example.com"), (entry.Action, entry.Actor));
        Assert.Contains("The model fixed this long ago", entry.PayloadJson);
        Assert.True((await audit.VerifyAsync()).IsIntact);

        // The other project's case of the same id is untouched.
        await using var db = database.CreateContext();
        Assert.Equal(BenchCaseStatus.Active, (await db.BenchCases.SingleAsync(c => c.ProjectId == otherProjectId)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_retirement_without_a_reason_is_refused_and_changes_nothing(string reason)
    {
        Assert.NotNull(BenchCaseRetirement.ReasonProblem(reason));
        Assert.Equal(RetirementOutcome.InvalidReason, await retirement.RetireAsync(projectId, "c1", reason, "lead@example.com"));
        Assert.Equal(RetirementOutcome.InvalidReason, await retirement.RetireAsync(projectId, "c1", new string('x', BenchCaseRetirement.MaxReasonLength + 1), "lead@example.com"));

        Assert.Equal(BenchCaseStatus.Active, (await caseQueries.DetailAsync(projectId, "c1"))!.Status);
        Assert.Empty(await CaseEventsAsync());
    }

    [Fact]
    public async Task Unknown_cases_cases_of_another_project_and_repeated_requests_change_nothing()
    {
        Assert.Equal(RetirementOutcome.UnknownCase, await retirement.RetireAsync(projectId, "no-such-case", "obsolete", "lead@example.com"));
        Assert.Equal(RetirementOutcome.UnknownCase, await retirement.RetireAsync(otherProjectId + 1000, "c1", "obsolete", "lead@example.com"));
        Assert.Equal(RetirementOutcome.AlreadyInThatState, await retirement.ReactivateAsync(projectId, "c1", "back", "lead@example.com"));
        Assert.Equal(RetirementOutcome.Done, await retirement.RetireAsync(projectId, "c1", "obsolete", "lead@example.com"));
        Assert.Equal(RetirementOutcome.AlreadyInThatState, await retirement.RetireAsync(projectId, "c1", "obsolete again", "lead@example.com"));
        Assert.Single(await CaseEventsAsync());
    }

    [Fact]
    public async Task A_reactivated_case_counts_again_and_its_page_shows_both_changes_with_their_reasons()
    {
        Assert.Equal(RetirementOutcome.Done, await retirement.RetireAsync(projectId, "c1", "Looked obsolete", "lead@example.com"));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(RetirementOutcome.Done, await retirement.ReactivateAsync(projectId, "c1", "  It failed again in production  ", "admin@example.com"));
        clock.Advance(TimeSpan.FromHours(1));
        await RunAsync("later", clock.GetUtcNow().UtcDateTime, ("c1", false), ("c2", true));

        var later = (await runQueries.PageAsync(projectId)).Rows.Single();
        Assert.Equal((2, 1, 0), (later.Counted, later.Passed, later.NotCounted));
        var detail = (await caseQueries.DetailAsync(projectId, "c1"))!;
        Assert.Equal((BenchCaseStatus.Active, (DateTime?)null), (detail.Status, detail.RetiredAt));
        Assert.Equal([(false, "It failed again in production", "admin@example.com"), (true, "Looked obsolete", "lead@example.com")],
            detail.History.Select(h => (h.Retired, h.Reason, h.Actor)));
        Assert.Equal([AuditActions.BenchCaseRetired, AuditActions.BenchCaseReactivated], (await CaseEventsAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task The_case_list_filters_by_status_source_category_and_text_and_rates_each_case_over_its_last_ten_runs()
    {
        // Twelve runs: c2 passes only in the three newest, c1 in all, c3 is in none.
        for (var i = 0; i < 12; i++)
        {
            await RunAsync($"r{i:00}", Now.AddDays(-20 + i), ("c1", true), ("c2", i >= 9));
        }
        Assert.Equal(RetirementOutcome.Done, await retirement.RetireAsync(projectId, "c1", "obsolete", "lead@example.com"));

        var active = await caseQueries.ListAsync(projectId, CaseFilter.Default);
        Assert.Equal(["c2", "c3"], active.Rows.Select(r => r.CaseId));
        Assert.Equal(3, active.BenchSize);
        var c2 = active.Rows[0];
        Assert.Equal((10, 3, (bool?)true, "r11"), (c2.RecentRuns, c2.RecentPassed, c2.LastPassed, c2.LastRunId));
        var c3 = active.Rows[1];
        Assert.Equal((0, (bool?)null), (c3.RecentRuns, c3.LastPassed));

        Assert.Equal(["c1"], (await caseQueries.ListAsync(projectId, CaseFilter.Default with { Status = CaseStatusFilter.Retired })).Rows.Select(r => r.CaseId));
        var all = CaseFilter.Default with { Status = CaseStatusFilter.All };
        Assert.Equal(["c2"], (await caseQueries.ListAsync(projectId, all with { Source = BenchCaseSource.ProductionGap })).Rows.Select(r => r.CaseId));
        Assert.Equal(["c1", "c2"], (await caseQueries.ListAsync(projectId, all with { Category = "billing" })).Rows.Select(r => r.CaseId));
        // Free text: ids and inputs, whatever the letter case.
        Assert.Equal(["c1", "c3"], (await caseQueries.ListAsync(projectId, all with { Text = "parcel" })).Rows.Select(r => r.CaseId));
        Assert.Equal(["c3"], (await caseQueries.ListAsync(projectId, all with { Text = "C3" })).Rows.Select(r => r.CaseId));
        var none = await caseQueries.ListAsync(projectId, all with { Text = "nothing like this" });
        Assert.Equal((0, 1), (none.Total, none.PageCount));
        Assert.Equal(["billing", "shipping"], await caseQueries.CategoriesAsync(projectId));
    }

    [Fact]
    public async Task The_list_pages_a_large_bench_fifty_cases_at_a_time()
    {
        await using (var db = database.CreateContext())
        {
            db.BenchCases.AddRange(Enumerable.Range(0, 120).Select(i => Case(projectId, $"bulk-{i:000}", "bulk", BenchCaseSource.Imported, $"input {i}")));
            await db.SaveChangesAsync();
        }
        var filter = CaseFilter.Default with { Category = "bulk" };
        var first = await caseQueries.ListAsync(projectId, filter);
        var third = await caseQueries.ListAsync(projectId, filter with { Page = 3 });
        var beyond = await caseQueries.ListAsync(projectId, filter with { Page = 9 });
        Assert.Equal((120, 3, 50, "bulk-000"), (first.Total, first.PageCount, first.Rows.Count, first.Rows[0].CaseId));
        Assert.Equal((3, 20, "bulk-100"), (third.Page, third.Rows.Count, third.Rows[0].CaseId));
        Assert.Equal(3, beyond.Page);
    }

    [Fact]
    public async Task Comparing_two_runs_lists_each_changed_case_with_its_input()
    {
        await RunAsync("base", Now.AddDays(-2), ("c1", true), ("c2", false), ("c3", false));
        await RunAsync("head", Now.AddDays(-1), ("c1", false), ("c2", true));

        var view = (await runQueries.CompareAsync(projectId, "base", "head"))!;
        Assert.Equal([("c1", CaseChange.NewlyFailing, "Refund a lost parcel"), ("c2", CaseChange.NewlyPassing, "Why was I charged twice?"),
                      ("c3", CaseChange.Removed, "Where is my PARCEL?")], view.Cases.Select(c => (c.CaseId, c.Change, c.Input)));
        Assert.Equal((3, 1, 2, 1), (view.Base.Counted, view.Base.Passed, view.Head.Counted, view.Head.Passed));
        Assert.Equal(1.0, view.McnemarP);
        Assert.Null(await runQueries.CompareAsync(otherProjectId, "base", "head"));
    }
}
