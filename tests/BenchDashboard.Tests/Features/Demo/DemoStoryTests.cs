using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Bench.Cases;
using BenchDashboard.Features.Demo;
using BenchDashboard.Features.Trends;
using BenchDashboard.Features.UpgradeAudits;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Demo;

/// <summary>The app started on an empty database with demo data on, at a fixed anchor date.</summary>
public class DemoAppFactory : AppFactory
{
    public static readonly DateOnly Anchor = new(2026, 11, 1);

    public DemoAppFactory() { }

    private DemoAppFactory(DatabaseProvider provider) : base(provider) { }

    /// <summary>The demo on PostgreSQL: seeding takes about 40 s there, so one demo suite runs on it (DemoRollupTests).</summary>
    public sealed class OnPostgres() : DemoAppFactory(DatabaseProvider.Postgres);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("BenchDashboard:Demo", "true"),
        new("BenchDashboard:DemoAnchorDate", Anchor.ToString("yyyy-MM-dd")),
    ];

    /// <summary>
    /// In the demo app today is the anchor day, as it is in a demo started without an anchor. Whatever reads "today"
    /// (the alerting round, pages without an as-of date) must not read the real date: the demo's traffic ends on the
    /// anchor, so four weeks after it input drift has no traffic left to compare and the alerting test failed.
    /// </summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new AnchoredClock(Anchor)));
    }

    public DemoAppFactory Started()
    {
        _ = Services; // starts the host: migrations, bootstrap and demo seeding run
        return this;
    }

    /// <summary>Starts at noon of the anchor day and runs at real speed, so timers, expiries and audit times still move
    /// on and the date stays the anchor's for twelve hours.</summary>
    private sealed class AnchoredClock(DateOnly anchor) : TimeProvider
    {
        private readonly DateTimeOffset start = new(anchor.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        private readonly long startedAt = System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(startedAt);
    }
}

public class DemoStoryTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    private readonly DemoAppFactory app = factory.Started();
    private static readonly DateOnly Day0 = DemoAppFactory.Anchor.AddDays(-(DemoStory.Days - 1));
    private static readonly DateOnly CampaignDay = Day0.AddDays(DemoStory.CampaignStartDay);

    private async Task<(TrendPoint Before, TrendPoint After)> BeforeAndAfterAsync(string metric)
    {
        await using var db = app.Database.CreateContext();
        var projectId = await db.Projects.Where(p => p.Slug == DemoStory.ProjectSlug).Select(p => p.Id).SingleAsync();
        var trends = app.Services.GetRequiredService<TrendsService>();
        // Three months before the campaign and the last three months, each as one bucket.
        var before = await trends.GetAsync(projectId, CampaignDay.AddDays(-90), CampaignDay.AddDays(-1), TrendBucket.Month);
        var after = await trends.GetAsync(projectId, DemoAppFactory.Anchor.AddDays(-89), DemoAppFactory.Anchor, TrendBucket.Month);
        static TrendPoint Pool(IReadOnlyList<TrendPoint> points) =>
            new("", points.Sum(p => p.Value * p.N) / points.Sum(p => p.N), points.Sum(p => p.N), 0, 0);
        return (Pool(before.Series[metric]), Pool(after.Series[metric]));
    }

    [Fact]
    public async Task Thumbs_up_falls_from_about_80_to_about_66_percent()
    {
        var (before, after) = await BeforeAndAfterAsync(TrendMetrics.ThumbsUpRate);
        Assert.InRange(before.Value, 0.78, 0.83);
        Assert.InRange(after.Value, 0.64, 0.69);
    }

    [Fact]
    public async Task Csat_falls_from_about_4_3_to_about_3_8()
    {
        var (before, after) = await BeforeAndAfterAsync(TrendMetrics.Csat);
        Assert.InRange(before.Value, 4.2, 4.4);
        Assert.InRange(after.Value, 3.7, 3.9);
    }

    [Fact]
    public async Task Rewrite_rate_rises_from_about_8_to_about_15_percent()
    {
        var (before, after) = await BeforeAndAfterAsync(TrendMetrics.RewriteRate);
        Assert.InRange(before.Value, 0.07, 0.09);
        Assert.InRange(after.Value, 0.14, 0.16);
    }

    [Fact]
    public async Task Every_bench_run_passes_93_to_96_percent_and_the_same_dozen_cases_always_fail()
    {
        await using var db = app.Database.CreateContext();
        var runs = await db.BenchRuns.Include(r => r.Results).ToListAsync();
        Assert.True(runs.Count >= 40, $"{runs.Count} runs");
        foreach (var run in runs)
        {
            Assert.Equal(DemoStory.BenchCases, run.Results.Count);
            Assert.InRange(run.Results.Count(r => r.Passed) / (double)run.Results.Count, 0.93, 0.965);
        }
        var alwaysFailing = runs.Select(r => r.Results.Where(x => !x.Passed).Select(x => x.BenchCaseId).ToHashSet())
            .Aggregate((a, b) => { a.IntersectWith(b); return a; });
        Assert.Equal(DemoStory.ChronicFailures, alwaysFailing.Count);
    }

    [Fact]
    public async Task The_new_category_appears_only_from_month_five_and_the_bench_never_ran_a_case_of_it()
    {
        await using var db = app.Database.CreateContext();
        var campaignStart = CampaignDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Assert.False(await db.ProductionTraces.AnyAsync(t => t.Category == DemoStory.NewCategory && t.Timestamp < campaignStart));
        var lastMonth = DemoAppFactory.Anchor.AddDays(-30).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var recent = await db.ProductionTraces.CountAsync(t => t.Timestamp >= lastMonth);
        var recentNew = await db.ProductionTraces.CountAsync(t => t.Timestamp >= lastMonth && t.Category == DemoStory.NewCategory);
        Assert.InRange(recentNew / (double)recent, 0.22, 0.28);
        Assert.False(await db.BenchResults.AnyAsync(r => r.BenchCase!.Category == DemoStory.NewCategory));
    }

    [Fact]
    public async Task The_gaps_a_lead_accepted_from_the_first_round_are_on_the_bench_page_never_run()
    {
        var projectId = (await app.Services.GetRequiredService<BenchDashboard.Features.Projects.ProjectService>().FindAsync(DemoStory.ProjectSlug))!.Id;
        var page = await app.Services.GetRequiredService<BenchCaseQueries>().ListAsync(projectId, new CaseFilter(Source: BenchCaseSource.ProductionGap));

        Assert.Equal(DemoStory.AcceptedGaps, page.Total);
        Assert.All(page.Rows, row =>
        {
            Assert.Equal((DemoStory.NewCategory, BenchCaseStatus.Active, 0), (row.Category, row.Status, row.RecentRuns));
            Assert.StartsWith("gap-", row.CaseId, StringComparison.Ordinal);
        });
        // Each came from a label the lead accepted, in the oldest round; the later rounds' gaps still wait for a decision.
        await using var db = app.Database.CreateContext();
        var accepted = await (
            from r in db.TraceReviews
            where r.DraftStatus == DraftCaseStatus.Accepted
            join s in db.SampledTraces on r.SampledTraceId equals s.Id
            join round in db.SamplingRounds on s.SamplingRoundId equals round.Id
            select new { r.AcceptedBenchCaseId, round.Period }).ToListAsync();
        Assert.Equal(page.Total, accepted.Count);
        Assert.Single(accepted.Select(a => a.Period).Distinct());
        Assert.True(await db.TraceReviews.AnyAsync(r => r.DraftStatus == DraftCaseStatus.Pending));
        var caseIds = await db.BenchCases.Where(c => c.Source == BenchCaseSource.ProductionGap).Select(c => (int?)c.Id).ToListAsync();
        Assert.Equal(caseIds.Order(), accepted.Select(a => a.AcceptedBenchCaseId).Order());
    }

    [Fact]
    public async Task Nine_months_of_about_1500_traces_a_day_with_six_versions_and_every_screen_has_content()
    {
        await using var db = app.Database.CreateContext();
        var traces = await db.ProductionTraces.CountAsync();
        Assert.InRange(traces / (double)DemoStory.Days, 1400, 1600);
        Assert.Equal(DemoStory.Days, await db.ProductionTraces.Select(t => t.Timestamp.Date).Distinct().CountAsync());
        Assert.Equal(["v1", "v2", "v3", "v4", "v5", "v6"], await db.PipelineVersions.OrderBy(v => v.DeployedAt).Select(v => v.Version).ToListAsync());
        Assert.Equal(3, await db.SamplingRounds.CountAsync(r => r.Status == SamplingRoundStatus.Closed));
        Assert.Equal(2, await db.RubricVersions.CountAsync());
        Assert.Equal(1, await db.RubricReviews.CountAsync());
        Assert.Equal(1, await db.UpgradeAudits.CountAsync());
        Assert.True(await db.TraceReviews.AnyAsync(r => r.BenchWouldCatch == BenchWouldCatch.No));
    }

    [Fact]
    public async Task The_demo_has_one_signed_off_audit_with_its_decisions_and_the_earlier_upgrades_still_due()
    {
        var projectId = (await app.Services.GetRequiredService<BenchDashboard.Features.Projects.ProjectService>().FindAsync(DemoStory.ProjectSlug))!.Id;
        var audits = app.Services.GetRequiredService<UpgradeAuditService>();
        var listed = Assert.Single(await audits.ListAsync(projectId));
        var audit = (await audits.GetAsync(projectId, listed.AuditId))!;
        Assert.Equal((UpgradeAuditStatus.SignedOff, "v6"), (audit.Status, audit.HeadVersion));
        // Every newly failing case was decided before the sign-off, and the chronic failures went back to the bench.
        Assert.Empty(audit.Undecided);
        Assert.Equal(DemoStory.ChronicFailures, audit.Decisions.Count(d => d.Change == UpgradeCaseChange.StillFailing && d.Decision == UpgradeCaseVerdict.FixBench));
        Assert.All(audit.Decisions, d => Assert.False(string.IsNullOrWhiteSpace(d.Rationale)));

        var transitions = await audits.TransitionsAsync(projectId, DemoAppFactory.Anchor, graceDays: 14);
        Assert.Equal(AuditState.Done, transitions.Single(t => t.Version == "v6").State);
        Assert.All(transitions.Where(t => t.Version is "v2" or "v3" or "v4" or "v5"), t => Assert.NotEqual(AuditState.Done, t.State));
    }

    [Fact]
    public async Task Demo_accounts_exist_for_each_role_and_sign_in_with_the_printed_passwords()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var account in DemoStory.Accounts)
        {
            var user = await users.FindByEmailAsync(account.Email);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, account.Password));
            Assert.Equal([account.Role], await users.GetRolesAsync(user));
        }
    }

    [Fact]
    public async Task Demo_data_is_never_seeded_into_a_database_that_holds_projects()
    {
        using var scope = app.Services.CreateScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(DemoAppFactory.Anchor);
        Assert.False(seeded);
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Projects.CountAsync());
    }

    [Fact]
    public async Task The_same_anchor_date_generates_the_same_data()
    {
        using var second = new DemoAppFactory().Started();
        static async Task<string> FingerprintAsync(TestDatabase database)
        {
            await using var db = database.CreateContext();
            var traces = await db.ProductionTraces.OrderBy(t => t.Id).Take(2000)
                .Select(t => t.TraceId + t.Timestamp + t.Category + t.Input + t.Output).ToListAsync();
            var feedback = await db.FeedbackEvents.GroupBy(e => e.Kind).OrderBy(g => g.Key)
                .Select(g => g.Key + ":" + g.Count() + ":" + g.Sum(e => e.Value ?? 0)).ToListAsync();
            var results = await db.BenchResults.OrderBy(r => r.Id).Select(r => r.Passed ? '1' : '0').ToListAsync();
            return string.Join("|", traces) + string.Join(",", feedback) + new string([.. results]);
        }
        Assert.Equal(await FingerprintAsync(app.Database), await FingerprintAsync(second.Database));
    }
}
