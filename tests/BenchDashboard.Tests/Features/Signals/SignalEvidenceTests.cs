using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Signals.Rules;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Tests.Features.Signals;

/// <summary>
/// Evidence a lead reads: each kind's facts are labelled numbers with their units (never raw property names), and its
/// data view opens the metric and the days of that signal. Generated projects from <see cref="ScenarioProject"/>.
/// </summary>
public class SignalEvidenceTests
{
    private static Signal Single(ProjectSignalData data, int day, string kind) =>
        Assert.Single(SignalEngine.Evaluate(data, ScenarioProject.Date(day)), s => s.Kind == kind);

    private static string Fact(SignalEvidence evidence, string label) => Assert.Single(evidence.Facts(), f => f.Label == label).Value;

    private static string Iso(int day) => ScenarioProject.Date(day).ToString("yyyy-MM-dd");

    [Fact]
    public void Stagnation_shows_the_pass_rate_range_in_percent_and_points_against_the_threshold_and_links_to_the_bench_over_its_period()
    {
        var data = new ScenarioProject(14) { Versions = [(0, 0.945), (30, 0.95), (60, 0.945), (100, 0.95), (140, 0.94), (180, 0.95), (220, 0.945)] }.Build();
        var evidence = Assert.IsType<StagnationEvidence>(Single(data, 269, SignalKinds.Stagnation).Evidence);

        var range = Fact(evidence, "Bench pass rate range");
        Assert.Matches(@"^\d{2}\.\d %–\d{2}\.\d % \(\d\.\d pp; stagnation at ≤ 3\.0 pp\)$", range);
        Assert.StartsWith($"{evidence.Low * 100:0.0} %–{evidence.High * 100:0.0} %", range);
        // Deployed on days 100, 140, 180 and 220 of the 180 days up to day 269.
        Assert.Equal("4 (stagnation from 3)", Fact(evidence, "Pipeline versions deployed in the period"));
        Assert.Equal("5 Apr – 1 Oct 2026 (180 days)", Fact(evidence, "Period"));
        Assert.Equal($"{evidence.Runs} runs", Fact(evidence, "Bench runs in the period"));

        var series = evidence.Series()!;
        Assert.True(series.IsRate);
        Assert.Equal(evidence.Runs, series.Points.Count);

        var view = evidence.DataView(ScenarioProject.Date(269));
        Assert.Equal(new EvidenceDataView(TrendMetrics.BenchPassRate, null, ScenarioProject.Date(90), ScenarioProject.Date(269)), view);
        Assert.Contains($"metric=benchPassRate&from={Iso(90)}&to={Iso(269)}", view.Href("p"));
    }

    [Fact]
    public void Failure_churn_counts_the_days_since_a_case_last_failed_for_the_first_time()
    {
        // Every run fails the same twelve cases: they all failed for the first time in the first run, on day 1.
        var data = new ScenarioProject(15) { Versions = [(0, 0.96), (200, 0.96)], SameFailuresEveryRun = true }.Build();
        var signal = Single(data, 220, SignalKinds.FailureChurn);
        var evidence = Assert.IsType<FailureChurnEvidence>(signal.Evidence);

        Assert.Equal(219, evidence.DaysSinceNewFailure);
        Assert.Equal("219 days (on 6 Jan 2026; no news from 90 days)", Fact(evidence, "Days since a case last failed for the first time"));
        Assert.Equal("1.00 over the last 5 runs across 2 versions (alike at ≥ 0.90 across 2 versions or more)",
            Fact(evidence, "Failing cases alike from run to run (mean Jaccard)"));
        Assert.StartsWith("12: case-001, case-002, ", Fact(evidence, "Cases failing in every one of those runs"));
        Assert.EndsWith(" and 2 more", Fact(evidence, "Cases failing in every one of those runs"));
        Assert.Contains("12 fail in every one", signal.Summary);
        Assert.Contains("no case has failed for the first time in 219 days (since 6 Jan 2026)", signal.Summary);

        // The runs compared and, further back, the day of the last new failure.
        var view = evidence.DataView(ScenarioProject.Date(220));
        Assert.Equal((TrendMetrics.BenchPassRate, ScenarioProject.Date(1), ScenarioProject.Date(220)), (view.Metric, view.From, view.To));
    }

    [Fact]
    public void Failure_churn_without_any_failure_says_so_with_the_days_of_runs()
    {
        var evidence = new FailureChurnEvidence(5, 2, new DayRange(new(2026, 5, 1), new(2026, 6, 1)), 1.0, 0.9, 2, [], null,
            new DateOnly(2026, 1, 6), 150, 90, SameFailures: true, NoNewFailures: true);
        Assert.Equal("no case has failed in 150 days of runs since 6 Jan 2026 (no news from 90 days)",
            Fact(evidence, "Days since a case last failed for the first time"));
        Assert.Equal("none", Fact(evidence, "Cases failing in every one of those runs"));
    }

    [Fact]
    public void Coverage_shows_the_catch_rate_with_its_interval_and_links_to_the_month_sampled()
    {
        var data = new ScenarioProject(17) { RoundResult = (30, 18) }.Build();
        var evidence = Assert.IsType<CoverageEvidence>(Single(data, 200, SignalKinds.Coverage).Evidence);

        // The round closed on day 180 (4 Jul 2026) sampled July.
        Assert.Equal("2026-07, closed on 4 Jul 2026", Fact(evidence, "Sampling round"));
        Assert.Equal("30 in 60 reviewed traces", Fact(evidence, "Production failures found"));
        Assert.Equal("18 of 30: 60.0 % (95 % interval 42.3 %–75.4 %)", Fact(evidence, "The bench would have caught"));
        Assert.Equal("80.0 %", Fact(evidence, "Alert below"));
        Assert.Equal(new EvidenceDataView(TrendMetrics.ThumbsUpRate, null, new(2026, 7, 1), new(2026, 7, 31)), evidence.DataView(ScenarioProject.Date(200)));
    }

    [Fact]
    public void An_overdue_sampling_round_shows_days_since_due_every_and_overdue_by()
    {
        var data = new ScenarioProject(16) { RoundDays = [30, 60, 90, 120, 150] }.Build();
        var signal = Single(data, 190, SignalKinds.Cadence);
        var evidence = Assert.IsType<OverdueRitualEvidence>(signal.Evidence);

        Assert.Equal(CadenceChecks.Sampling, signal.Check);
        Assert.Equal("4 Jun 2026, 40 days ago", Fact(evidence, "Last sampling round closed"));
        Assert.Equal("31 days", Fact(evidence, "A sampling round is due every"));
        Assert.Equal("9 days", Fact(evidence, "Overdue by"));
        // What users said since anyone last looked at production traces.
        Assert.Equal(new EvidenceDataView(TrendMetrics.ThumbsUpRate, null, ScenarioProject.Date(150), ScenarioProject.Date(190)), evidence.DataView(ScenarioProject.Date(190)));
    }

    [Fact]
    public void A_rubric_never_reviewed_counts_from_the_projects_first_data()
    {
        var data = new ScenarioProject(19) { RubricReviewDays = [] }.Build();
        var evidence = Assert.IsType<OverdueRitualEvidence>(Single(data, 100, SignalKinds.Cadence).Evidence);
        Assert.Equal("never; 100 days since the project's first data on 5 Jan 2026", Fact(evidence, "Rubric last reviewed"));
        Assert.Equal("92 days", Fact(evidence, "A rubric review is due every"));
        Assert.Equal("8 days", Fact(evidence, "Overdue by"));
    }

    [Fact]
    public void Versions_without_a_bench_audit_are_named_with_their_age_grace_period_and_correct_grammar()
    {
        var data = new ScenarioProject(18) { AuditEveryVersion = false }.Build();

        var one = Single(data, 60, SignalKinds.Cadence);
        Assert.Equal("Version v2 went live without a bench audit (due within 14 days of deployment): compare its bench runs with the previous version's.", one.Summary);
        Assert.Equal("v2 (live since 14 Feb 2026, 20 days; replaced v1)", Fact((SignalEvidence)one.Evidence, "Version without a bench audit"));

        var several = Single(data, 150, SignalKinds.Cadence);
        Assert.Equal("Versions v2, v3, v4 went live without a bench audit (due within 14 days of deployment): compare their bench runs with the previous versions'.", several.Summary);
        var evidence = Assert.IsType<BenchAuditEvidence>(several.Evidence);
        Assert.StartsWith("v2 (live since 14 Feb 2026, 110 days; replaced v1), v3 (", Fact(evidence, "Versions without a bench audit"));
        Assert.Equal("14 days", Fact(evidence, "Grace period for a bench audit"));
        // From v1's deployment, which v2 replaced: the runs an audit compares.
        Assert.Equal(new EvidenceDataView(TrendMetrics.BenchPassRate, null, ScenarioProject.Date(0), ScenarioProject.Date(150)), evidence.DataView(ScenarioProject.Date(150)));
    }

    [Fact]
    public void No_fact_is_labelled_with_a_raw_property_name()
    {
        SignalEvidence[] all =
        [
            new StagnationEvidence(new(new(2026, 1, 1), new(2026, 6, 29)), 3, 3, 0.94, 0.95, 0.03, 3, []),
            new FailureChurnEvidence(5, 2, new(new(2026, 5, 1), new(2026, 6, 1)), 0.95, 0.9, 2, ["a"], new(2026, 1, 6), new(2026, 1, 6), 150, 90, true, true),
            new CoverageEvidence("2026-05", new(2026, 6, 2), 60, 30, 18, 0.6, 0.42, 0.75, 0.8),
            new OverdueRitualEvidence(CadenceChecks.Sampling, null, new(2026, 1, 5), 40, 31),
            new BenchAuditEvidence([new UnauditedVersion("v2", new(2026, 2, 14), 20, "v1", new(2026, 1, 5))], 14),
        ];
        // A label a person reads starts with a capitalised word; a JSON key (graceDays, meanJaccard, CatchRateLow) does not.
        Assert.All(all.SelectMany(e => e.Facts()), f => Assert.Matches(@"^[A-Z][a-z]*( |$)", f.Label));
    }
}
