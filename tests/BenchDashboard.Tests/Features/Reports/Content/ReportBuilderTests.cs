using System.Net;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Trends;
using BenchDashboard.Features.UpgradeAudits;
using BenchDashboard.Tests.Features.Ingestion;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Reports.Content;

/// <summary>The report of small projects built through the API (decision 0027: on SQLite and on PostgreSQL): an empty
/// period says so, versions live in the period are in scope, and a version that went live needs its audit.</summary>
public abstract class ReportBuilderTests(AppFactory app)
{
    public sealed class OnSqlite(AppFactory app) : ReportBuilderTests(app), IClassFixture<AppFactory>;
    public sealed class OnPostgres(PostgresAppFactory app) : ReportBuilderTests(app), IClassFixture<PostgresAppFactory>;

    private readonly IngestionClient client = new(app);

    private T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private async Task<int> IdOfAsync(string slug)
    {
        await using var db = app.Database.CreateContext();
        return await db.Projects.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
    }

    private Task<AuditReport> ReportAsync(int projectId, DateOnly from, DateOnly to) =>
        Service<AuditReportBuilder>().BuildAsync(new ReportRequest(projectId, from, to, "r-test", DateTime.UtcNow, "auditor@test.local"), default);

    /// <summary>v1 from 5 January, v2 from 1 February, v3 from 1 April 2026; a run of v1 on 20 January and of v2 on 2 February.</summary>
    private async Task<string> ProjectWithVersionsAsync()
    {
        var slug = await client.NewProjectAsync("rep");
        foreach (var (version, at) in new[] { ("v1", "2026-01-05T09:00:00Z"), ("v2", "2026-02-01T09:00:00Z"), ("v3", "2026-04-01T09:00:00Z") })
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(slug, "versions", new { version, deployedAt = at, model = $"model-{version}" })).StatusCode);
        }
        await RunAsync(slug, "base-1", "v1", "2026-01-20T10:00:00Z", [("a", true), ("b", true), ("c", false)]);
        await RunAsync(slug, "head-1", "v2", "2026-02-02T10:00:00Z", [("a", true), ("b", false), ("c", true)]);
        return slug;
    }

    private async Task RunAsync(string slug, string runId, string version, string startedAt, (string Case, bool Passed)[] results)
    {
        var response = await client.PostJsonAsync(slug, "bench-runs", new
        {
            runId, version, startedAt, results = results.Select(r => new { caseId = r.Case, passed = r.Passed, input = $"input of {r.Case}" }),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_project_without_data_gives_a_report_that_says_so()
    {
        var projectId = await IdOfAsync(await client.NewProjectAsync("rep-empty"));
        var report = await ReportAsync(projectId, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));

        Assert.False(report.Results.HasData);
        Assert.Empty(report.Results.Charts);
        Assert.Empty(report.Results.Episodes);
        Assert.Empty(report.Scope);
        Assert.Empty(report.Rounds);
        Assert.Empty(report.RubricReviews);
        Assert.Empty(report.UpgradeAudits);
        Assert.Empty(report.Method.RubricVersions);
        Assert.Equal(0, report.Method.Bench.ActiveCases);
        Assert.All(report.Summary.Practices, p => Assert.Equal(PracticeOutcome.NotDue, p.Outcome));
        Assert.Contains("holds no bench run and no production data", report.Summary.Verdict);
        Assert.Contains("No signal was open at the period's end.", report.Summary.Verdict);
        Assert.True(report.Integrity.ChainVerified);
        Assert.InRange(report.Integrity.HeadSequence, 1, (await Service<AuditLog>().HeadAsync())!.Sequence);
    }

    [Fact]
    public async Task Versions_live_at_any_time_in_the_period_are_in_scope()
    {
        var projectId = await IdOfAsync(await ProjectWithVersionsAsync());

        // v1 was replaced on 1 February at 09:00, within the period; v2 is still live at its end.
        var across = await ReportAsync(projectId, new DateOnly(2026, 1, 20), new DateOnly(2026, 2, 10));
        Assert.Equal(["v1", "v2"], across.Scope.Select(v => v.Label));
        Assert.Equal(new DateTime(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc), across.Scope[0].LiveUntil);
        Assert.Null(across.Scope[1].LiveUntil);
        Assert.Equal("model-v2", across.Scope[1].Model);

        // Later only v2 was live; v3 came after the period, so v2's end is not the report's business.
        var later = await ReportAsync(projectId, new DateOnly(2026, 2, 10), new DateOnly(2026, 3, 31));
        Assert.Equal(["v2"], later.Scope.Select(v => v.Label));
        Assert.Null(later.Scope[0].LiveUntil);
        Assert.False(later.Results.HasData);
        Assert.Empty(later.UpgradeAudits);
    }

    [Fact]
    public async Task The_bench_chart_is_the_trends_series_and_the_new_version_needs_its_audit()
    {
        var projectId = await IdOfAsync(await ProjectWithVersionsAsync());
        var (from, to) = (new DateOnly(2026, 1, 20), new DateOnly(2026, 2, 10));
        var report = await ReportAsync(projectId, from, to);

        Assert.True(report.Results.HasData);
        var trends = await Service<TrendsService>().GetAsync(projectId, from, to, TrendBucket.Day);
        Assert.Equal(trends.Series[TrendMetrics.BenchPassRate].Select(p => (p.T, p.Value, (double?)p.Low, (double?)p.High)),
            report.Results.Charts[0].Bench.Points.Select(p => (p.Day.ToString("yyyy-MM-dd"), p.Value, p.Low, p.High)));
        Assert.Equal(2, report.Results.Charts[0].Bench.Points.Count);
        Assert.Equal(["v2"], report.Results.Charts[0].Markers.Select(m => m.Label));
        Assert.Equal(2, report.Method.Bench.RunsInPeriod);
        Assert.Equal(3, report.Method.Bench.ActiveCases);

        // v2 went live on 1 February and nobody audited it within the 14 days of grace.
        var upgrades = report.Summary.Practices.Single(p => p.Practice == ReportPractices.UpgradeAudits);
        Assert.Equal(PracticeOutcome.Missed, upgrades.Outcome);
        Assert.Equal("v2 (live 1 Feb 2026): no signed-off audit (due by 15 Feb 2026).", upgrades.Detail);
        Assert.Empty(report.UpgradeAudits);

        var audits = Service<UpgradeAuditService>();
        var opened = await audits.OpenAsync(projectId, "base-1", "head-1", "lead@test.local");
        var auditId = opened.AuditId;
        Assert.Null(await audits.DecideAsync(projectId, auditId, ["b"], UpgradeCaseVerdict.Investigate, "Regression in refunds.", "lead@test.local"));
        Assert.Null(await audits.SignOffAsync(projectId, auditId, "lead@test.local"));

        // Signed off now, months after it was due: the audit is in the report, and the practice held only in part.
        var after = await ReportAsync(projectId, from, to);
        var audit = Assert.Single(after.UpgradeAudits);
        var page = (await audits.GetAsync(projectId, auditId))!;
        Assert.Equal((page.SignedOffBy, page.SignedOffAt, page.Figures.Delta), (audit.SignedOffBy, audit.SignedOffAt, audit.Difference));
        Assert.Equal([("b", "Newly failing", (string?)"Investigate regression"), ("c", "Newly passing", null)],
            audit.Cases.Select(c => (c.CaseId, c.Change, c.Decision)));
        Assert.Equal(PracticeOutcome.Partly, after.Summary.Practices.Single(p => p.Practice == ReportPractices.UpgradeAudits).Outcome);
    }
}
