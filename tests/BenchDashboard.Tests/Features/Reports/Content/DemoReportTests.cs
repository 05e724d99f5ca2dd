using BenchDashboard.Data;
using BenchDashboard.Domain;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Bench;
using BenchDashboard.Features.Bench.Cases;
using BenchDashboard.Features.Demo;
using BenchDashboard.Features.Reports.Content;
using BenchDashboard.Features.Rubrics.Reviews;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Trends;
using BenchDashboard.Features.UpgradeAudits;
using BenchDashboard.Tests.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Reports.Content;

/// <summary>
/// The report of the demo's last three months (August to October 2026) against what the screens' services say for the
/// same days: every section's key numbers are the services' numbers, never computed another way.
/// </summary>
public class DemoReportTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    private readonly DemoAppFactory app = factory.Started();
    private static readonly DateOnly From = new(2026, 8, 1), To = new(2026, 10, 31);
    private static readonly DateOnly Day0 = DemoAppFactory.Anchor.AddDays(-(DemoStory.Days - 1));

    private T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private async Task<int> ProjectIdAsync()
    {
        await using var db = app.Database.CreateContext();
        return await db.Projects.Where(p => p.Slug == DemoStory.ProjectSlug).Select(p => p.Id).SingleAsync();
    }

    private async Task<(int ProjectId, AuditReport Report)> ReportAsync(DateOnly from, DateOnly to)
    {
        var projectId = await ProjectIdAsync();
        var generatedAt = DemoAppFactory.Anchor.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        var report = await Service<AuditReportBuilder>().BuildAsync(new ReportRequest(projectId, from, to, "r-test", generatedAt, "auditor@demo.local"), default);
        return (projectId, report);
    }

    [Fact]
    public async Task Every_chart_has_the_points_the_Trends_page_shows_for_the_same_days()
    {
        var (projectId, report) = await ReportAsync(From, To);
        var trends = await Service<TrendsService>().GetAsync(projectId, From, To, TrendsView.BucketFor(From, To));

        Assert.True(report.Results.HasData);
        Assert.Equal(TrendMetrics.UserExperience.Select(TrendMetrics.Label), report.Results.Charts.Select(c => c.Metric.Name));
        static IEnumerable<(string, double, double?, double?)> Points(IEnumerable<TrendPoint> points) => points.Select(p => (p.T, p.Value, (double?)p.Low, (double?)p.High));
        static IEnumerable<(string, double, double?, double?)> Drawn(ReportSeries series) =>
            series.Points.Select(p => (p.Day.ToString("yyyy-MM-dd"), p.Value, p.Low, p.High));
        foreach (var (chart, metric) in report.Results.Charts.Zip(TrendMetrics.UserExperience))
        {
            Assert.Equal(Points(trends.Series[TrendMetrics.BenchPassRate]), Drawn(chart.Bench));
            Assert.Equal(Points(trends.Series[metric]), Drawn(chart.Metric));
            Assert.NotEmpty(chart.Metric.Points);
            Assert.Equal(metric == TrendMetrics.Csat ? (1.0, 5.0, false) : (0.0, 1.0, true), (chart.MetricAxis.Min, chart.MetricAxis.Max, chart.MetricAxis.Percent));
        }
        // The markers: the versions deployed in the period (v5 and v6) and the rubric step the Trends chart marks there.
        var markers = report.Results.Charts[0].Markers;
        Assert.Equal(trends.Versions.Select(v => v.Version), markers.Where(m => m.Kind == ReportMarkerKind.Version).Select(m => m.Label));
        Assert.Equal(["v5", "v6"], markers.Where(m => m.Kind == ReportMarkerKind.Version).Select(m => m.Label));
        var steps = (await Service<RubricStepQuery>().StepsAsync(projectId)).Where(s => DateOnly.FromDateTime(s.FirstRunAt) >= From && DateOnly.FromDateTime(s.FirstRunAt) <= To);
        Assert.Equal(steps.Select(s => (s.FirstRunAt, s.Label)), markers.Where(m => m.Kind == ReportMarkerKind.Rubric).Select(m => (m.At, m.Label)));
        Assert.Contains(markers, m => m is { Kind: ReportMarkerKind.Rubric, Label: "rubric v2" });
    }

    /// <summary>End to end: the demo's report laid out as a PDF and read back with pdftotext holds every section, and the
    /// services' own figures as the report writes them (round catch rates and intervals, the audit's pass rates and p,
    /// the review's approver, the chain head).</summary>
    [Fact]
    public async Task The_demo_reports_pdf_read_back_holds_every_section_and_the_services_figures()
    {
        var (projectId, report) = await ReportAsync(From, To);
        using var poppler = new Pdf.Poppler(Service<BenchDashboard.Features.Reports.Pdf.AuditReportPdf>().Render(report));
        // Lines wrap inside table cells and key/value blocks: compare on the text with its whitespace collapsed.
        var text = System.Text.RegularExpressions.Regex.Replace(poppler.Layout(), @"\s+", " ");
        Assert.All(BenchDashboard.Features.Reports.Pdf.AuditReportPdf.SectionTitles, title => Assert.Contains(title, text));
        Assert.Contains("2026-08-01 to 2026-10-31", text);

        foreach (var round in report.Rounds)
        {
            var page = (await Service<RoundService>().GetAsync(projectId, round.RoundId))!;
            Assert.Contains($"{Pct(page.CatchRate!.Value)}: the bench would catch {page.BenchWouldCatch} of {page.Failures} failures", text);
            Assert.Contains($"{Pct(page.CatchRateLow!.Value)} to {Pct(page.CatchRateHigh!.Value)}", text);
        }
        var audits = Service<UpgradeAuditService>();
        var audit = (await audits.GetAsync(projectId, (await audits.ListAsync(projectId)).Single().AuditId))!;
        Assert.Contains($"{Pct(audit.Figures.BasePassRate)} base, {Pct(audit.Figures.HeadPassRate)} head", text);
        Assert.Contains(audit.Figures.McnemarP < 0.001 ? "p < 0.001" : $"p = {audit.Figures.McnemarP.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}", text);
        Assert.Contains($"signed off by {audit.SignedOffBy}", text);
        var review = (await Service<RubricReviewService>().GetAsync(projectId, report.RubricReviews.Single().ReviewId))!;
        Assert.Contains(review.SignedOffBy!, text);
        // The head printed is a real row of the chain, with its stored hash (the alerting worker may append rows meanwhile,
        // so the row is looked up by the sequence the report names rather than taken as the newest now).
        await using (var db = app.Database.CreateContext())
        {
            var row = await db.AuditEvents.SingleAsync(e => e.Id == report.Integrity.HeadSequence);
            Assert.Contains($"sequence {row.Id}", text);
            Assert.Contains(row.Hash, text);
        }

        static string Pct(double fraction) => (fraction * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
    }

    [Fact]
    public async Task Rounds_carry_the_round_page_figures_and_whether_they_closed_on_time()
    {
        var (projectId, report) = await ReportAsync(From, To);
        // The demo's rounds sample June, July and August; July's window runs into August, so it overlaps too.
        Assert.Equal(["2026-07", "2026-08"], report.Rounds.Select(r => r.Period));
        var settings = await Service<SignalSettingsService>().GetAsync(projectId);
        foreach (var round in report.Rounds)
        {
            var page = (await Service<RoundService>().GetAsync(projectId, round.RoundId))!;
            Assert.Equal((page.Size, page.Reviewed, page.Failures, page.BenchWouldCatch, page.Gaps), (round.Size, round.Reviewed, round.Failures, round.BenchWouldCatch, round.Gaps));
            Assert.Equal((page.CatchRate, page.CatchRateLow, page.CatchRateHigh), (round.CatchRate, round.CatchLow, round.CatchHigh));
            Assert.NotNull(round.CatchRate);
            var kappa = page.Agreement[0].Kappa;
            Assert.Equal(kappa.N, round.DoubleReviewed);
            Assert.Equal(kappa.N > 0 ? kappa.Kappa : null, round.Kappa);
            Assert.Equal(page.Reviewers.Select(r => r.Email), round.Reviewers);
            Assert.Equal(page.ClosedAt, round.ClosedAt);
            // Closed five days after its window: well within the month's end plus the 31-day cadence.
            Assert.True(round.OnTime);
            Assert.True(DateOnly.FromDateTime(round.ClosedAt!.Value) <= RoundDeadline.DueBy(round.Period, settings.SamplingEveryDays));
        }
        // The first round's gaps were accepted into the bench; the later ones' were not.
        var june = (await ReportAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30))).Report.Rounds.Single(r => r.Period == "2026-06");
        Assert.Equal(DemoStory.AcceptedGaps, june.AcceptedCases.Count);
    }

    [Fact]
    public async Task The_upgrade_audit_and_the_rubric_review_are_their_pages_decisions_and_sign_offs()
    {
        var (projectId, report) = await ReportAsync(From, To);
        var audits = Service<UpgradeAuditService>();
        var listed = await audits.ListAsync(projectId);
        var audit = Assert.Single(report.UpgradeAudits);
        var page = (await audits.GetAsync(projectId, listed.Single().AuditId))!;
        Assert.Equal(("v5", "v6"), (audit.BaseVersion, audit.HeadVersion));
        Assert.Equal((page.SignedOffBy, page.SignedOffAt, "Signed off"), (audit.SignedOffBy, audit.SignedOffAt, audit.Status));
        Assert.Equal((page.Figures.BasePassRate, page.Figures.HeadPassRate, page.Figures.Delta, page.Figures.DeltaLow, page.Figures.DeltaHigh, (double?)page.Figures.McnemarP),
            (audit.BasePassRate, audit.HeadPassRate, audit.Difference, audit.DifferenceLow, audit.DifferenceHigh, audit.McNemarP));
        Assert.Equal(page.Cases.Select(c => c.CaseId), audit.Cases.Select(c => c.CaseId));
        Assert.Equal(page.Decisions.Select(d => (d.CaseId, UpgradeAuditNames.Label(d.Decision), d.Rationale)),
            audit.Cases.Where(c => c.Decision is not null).Select(c => (c.CaseId, c.Decision!, c.Rationale!)));

        var reviews = Service<RubricReviewService>();
        var review = Assert.Single(report.RubricReviews);
        var view = (await reviews.GetAsync(projectId, review.ReviewId))!;
        Assert.Equal((view.FromVersion, view.ToVersion, view.CreatedBy, view.SignedOffBy, view.SignedOffAt), (review.BaseVersion, review.NewVersion, review.Author, review.Approver, review.ApprovedAt));
        Assert.Equal(view.Decisions.Select(d => (d.ItemKey, RubricReviewNames.Label(d.Decision), d.Rationale)), review.Decisions.Select(d => (d.ItemKey, d.Decision, d.Rationale)));
        var impact = await reviews.ImpactAsync(projectId, view.Dropped);
        Assert.Equal((impact.RateNow, impact.RateReGraded, impact.Runs.Count), (review.PassRateBefore!.Value, review.PassRateAfter!.Value, review.RunsReGraded));
    }

    [Fact]
    public async Task Episodes_and_open_signals_are_the_signals_of_the_period_with_their_onsets()
    {
        var (projectId, report) = await ReportAsync(From, To);
        var (_, data, settings) = await Service<SignalsService>().GetWithDataAsync(projectId, To);
        var expected = TrendMetrics.UserExperience
            .SelectMany(m => SignalEngine.DivergenceEpisodes(data, m, To, settings).Where(e => e.ClosedOn is not { } c || c >= From))
            .Select(e => (Signal.TitleOf(SignalKinds.Divergence, e.Metric), e.Onset, e.ClosedOn)).OrderBy(e => e.Onset).ThenBy(e => e.Item1, StringComparer.Ordinal);
        Assert.Equal(expected, report.Results.Episodes.Select(e => (e.Signal, e.Onset, e.Closed)));
        // The campaign's thumbs-up divergence: onset around the campaign, still open at the period's end.
        var thumbs = Assert.Single(report.Results.Episodes, e => e.Signal == Signal.TitleOf(SignalKinds.Divergence, TrendMetrics.ThumbsUpRate) && e.Closed is null);
        Assert.InRange(thumbs.Onset, Day0.AddDays(DemoStory.CampaignStartDay - 7), Day0.AddDays(DemoStory.CampaignStartDay + 28));

        var board = await Service<SignalBoard>().GetAsync(projectId, To);
        Assert.Equal(board.Signals.Select(s => (s.Signal.Title, s.Signal.Since, s.StatusText, s.Signal.Summary)),
            report.Summary.OpenSignals.Select(s => (s.Signal, s.Since, s.Triage, s.Evidence)));
        Assert.NotEmpty(report.Summary.OpenSignals);
        Assert.Contains("thumbs-up rate fell from", report.Summary.Verdict);
        Assert.Contains($"signals were open at the period's end", report.Summary.Verdict);
    }

    [Fact]
    public async Task Practices_follow_the_demo_rounds_versions_and_review()
    {
        var (projectId, report) = await ReportAsync(From, To);
        Assert.Equal([ReportPractices.Sampling, ReportPractices.RubricReview, ReportPractices.UpgradeAudits], report.Summary.Practices.Select(p => p.Practice));
        var (sampling, review, upgrades) = (report.Summary.Practices[0], report.Summary.Practices[1], report.Summary.Practices[2]);
        // August's round closed on 8 September; September has none and its deadline (31 October) passed; October's is
        // not due on 1 November.
        Assert.Equal(PracticeOutcome.Partly, sampling.Outcome);
        Assert.Contains("August 2026: round closed 8 Sep 2026, on time", sampling.Detail);
        Assert.Contains("September 2026: no round closed (due by 31 Oct 2026)", sampling.Detail);
        Assert.Contains("October 2026: not due yet", sampling.Detail);
        // v5 went live on 9 August and was never audited; v6 (26 September) was signed off the next day.
        Assert.Equal(PracticeOutcome.Partly, upgrades.Outcome);
        Assert.Contains("v5 (live 9 Aug 2026): no signed-off audit (due by 23 Aug 2026)", upgrades.Detail);
        var signedOff = (await Service<UpgradeAuditService>().ListAsync(projectId)).Single(a => a.HeadVersion == "v6").SignedOffAt!.Value;
        Assert.Contains($"v6 (live 26 Sep 2026): audit signed off {signedOff:d MMM yyyy}, on time", upgrades.Detail);
        // The review was approved in the period, but more than 92 days after the launch rubric.
        Assert.Equal(PracticeOutcome.Partly, review.Outcome);
        Assert.Contains("approved 21 Aug 2026", review.Detail);
        Assert.Contains("None of the three practices due held in full: monthly sampling held in part; quarterly rubric review held in part; " +
                        "per-upgrade bench audits held in part.", report.Summary.Verdict);
    }

    [Fact]
    public async Task Scope_method_and_integrity_are_the_services_figures()
    {
        var (projectId, report) = await ReportAsync(From, To);
        // v4 was live until v5 replaced it on 9 August; v6 is still live at the end.
        Assert.Equal(["v4", "v5", "v6"], report.Scope.Select(v => v.Label));
        Assert.Equal(Day0.AddDays(188).ToDateTime(new TimeOnly(9, 0)), report.Scope[0].LiveUntil);
        Assert.Null(report.Scope[2].LiveUntil);
        Assert.Equal(("acme-chat-2026-06", "support-prompt-4", "help-centre-2026"), (report.Scope[2].Model, report.Scope[2].Prompt, report.Scope[2].DataSources));

        var bench = report.Method.Bench;
        var active = await Service<BenchCaseQueries>().ListAsync(projectId, CaseFilter.Default);
        Assert.Equal(active.Total, bench.ActiveCases);
        Assert.Equal(DemoStory.BenchCases + DemoStory.AcceptedGaps, bench.ActiveCases);
        Assert.Equal(bench.ActiveCases, bench.BySource.Sum(s => s.Count));
        Assert.Equal(bench.ActiveCases, bench.ByCategory.Sum(s => s.Count));
        Assert.Equal((await Service<BenchRunsService>().ListAsync(projectId)).Count(r => DateOnly.FromDateTime(r.StartedAt) >= From && DateOnly.FromDateTime(r.StartedAt) <= To),
            bench.RunsInPeriod);
        Assert.True(bench.RunsInPeriod > 0);
        // v1 was in force until v2's approval on 21 August: both overlap the period.
        Assert.Equal([1, 2], report.Method.RubricVersions.Select(v => v.Number));
        Assert.Equal(TrendMetrics.All.Select(TrendMetrics.Label), report.Method.Metrics.Select(m => m.Name));
        Assert.Contains(report.Method.Thresholds, t => t.Name == "Cadence: Sampling round every (days)" && t.Meaning.StartsWith("31. "));

        // Up to the anchor day, when the demo was seeded and its events written (the alerting worker may add more meanwhile).
        int EventsUpToAnchor()
        {
            using var db = app.Database.CreateContext();
            return db.AuditEvents.AsEnumerable().Count(e => DateOnly.FromDateTime(e.At) >= From && DateOnly.FromDateTime(e.At) <= DemoAppFactory.Anchor);
        }
        var before = EventsUpToAnchor();
        var (_, withAnchor) = await ReportAsync(From, DemoAppFactory.Anchor);
        var head = await Service<AuditLog>().HeadAsync();
        Assert.InRange(withAnchor.Integrity.EventsInPeriod, Math.Max(1, before), EventsUpToAnchor());
        Assert.InRange(withAnchor.Integrity.HeadSequence, 1, head!.Sequence);
        Assert.True(withAnchor.Integrity.ChainVerified);
        if (withAnchor.Integrity.HeadSequence == head.Sequence) Assert.Equal(head.Hash, withAnchor.Integrity.HeadHash);
    }

    [Fact]
    public async Task A_period_before_the_demo_has_no_data_and_the_verdict_says_so()
    {
        var (_, report) = await ReportAsync(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31));
        Assert.False(report.Results.HasData);
        Assert.Empty(report.Results.Charts);
        Assert.Empty(report.Results.Episodes);
        Assert.Empty(report.Scope);
        Assert.Empty(report.Rounds);
        Assert.Empty(report.RubricReviews);
        Assert.Empty(report.UpgradeAudits);
        Assert.Equal(0, report.Method.Bench.ActiveCases);
        Assert.All(report.Summary.Practices, p => Assert.Equal(PracticeOutcome.NotDue, p.Outcome));
        Assert.Contains("holds no bench run and no production data", report.Summary.Verdict);
        Assert.Contains("No practice was due in the period", report.Summary.Verdict);
    }
}
