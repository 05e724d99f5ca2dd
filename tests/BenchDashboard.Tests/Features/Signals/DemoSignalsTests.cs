using BenchDashboard.Features.Demo;
using BenchDashboard.Features.Signals;
using BenchDashboard.Tests.Features.Demo;
using BenchDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BenchDashboard.Tests.Features.Signals;

/// <summary>The demo project tells its story through the signals, each at the right time (ARCHITECTURE.md, "The demo story").</summary>
public abstract class DemoSignalsTests(DemoAppFactory factory, ITestOutputHelper output)
{
    public sealed class OnSqlite(DemoAppFactory factory, ITestOutputHelper output) : DemoSignalsTests(factory, output), IClassFixture<DemoAppFactory>;
    public sealed class OnPostgres(DemoAppFactory.OnPostgres factory, ITestOutputHelper output) : DemoSignalsTests(factory, output), IClassFixture<DemoAppFactory.OnPostgres>;

    private readonly DemoAppFactory app = factory.Started();
    private static readonly DateOnly Day0 = DemoAppFactory.Anchor.AddDays(-(DemoStory.Days - 1));

    private async Task<IReadOnlyList<Signal>> AtAsync(DateOnly asOf)
    {
        var project = await app.Services.GetRequiredService<BenchDashboard.Features.Projects.ProjectService>().FindAsync(DemoStory.ProjectSlug);
        var signals = await app.Services.GetRequiredService<SignalsService>().GetAsync(project!.Id, asOf);
        output.WriteLine($"as of {asOf}:");
        foreach (var s in signals) output.WriteLine($"  {s.Kind} {s.Metric} {s.Severity} since {s.Since}: {s.Summary}");
        return signals;
    }

    private static readonly DateOnly Campaign = Day0.AddDays(DemoStory.CampaignStartDay);

    private static string[] Names(IEnumerable<Signal> signals) =>
        signals.Select(s => s.Metric is null ? s.Kind : $"{s.Kind}:{s.Metric}").Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Before_the_campaign_users_are_content_and_no_ux_signal_fires()
    {
        var names = Names(await AtAsync(Campaign.AddDays(-1)));
        Assert.DoesNotContain(names, n => n.StartsWith(SignalKinds.Divergence) || n.StartsWith(SignalKinds.InputDrift));
    }

    [Fact]
    public async Task Within_two_weeks_of_the_campaign_divergence_and_the_uncovered_category_fire()
    {
        var signals = await AtAsync(Campaign.AddDays(18));
        var thumbs = Assert.Single(signals, s => s.Kind == SignalKinds.Divergence && s.Metric == "thumbsUpRate");
        Assert.Equal(SignalSeverity.Alert, thumbs.Severity);
        Assert.InRange(thumbs.Since, Campaign, Campaign.AddDays(14));
        Assert.Contains(signals, s => s.Kind == SignalKinds.Divergence && s.Metric == "csat");
        Assert.Contains(signals, s => s.Kind == SignalKinds.Divergence && s.Metric == "rewriteRate");
        var drift = Assert.Single(signals, s => s.Kind == SignalKinds.InputDrift && s.Metric == "category");
        Assert.InRange(drift.Since, Campaign, Campaign.AddDays(14));
        Assert.Contains("“subscription disputes”", drift.Summary);
    }

    [Fact]
    public async Task At_the_end_the_bench_is_stagnant_its_failures_familiar_coverage_low_and_rituals_late()
    {
        var signals = await AtAsync(DemoAppFactory.Anchor);
        var names = Names(signals);
        foreach (var expected in new[] { "stagnation", "failure_churn", "input_drift:category", "coverage", "cadence" }) Assert.Contains(expected, names);
        Assert.Equal(SignalSeverity.Alert, signals.Single(s => s.Kind == SignalKinds.Coverage).Severity);
        Assert.Contains(signals, s => s.Kind == SignalKinds.Cadence && s.Summary.Contains("sampling round"));
        // Most severe first.
        Assert.Equal(signals.OrderByDescending(s => s.Severity).Select(s => s.Severity), signals.Select(s => s.Severity));
    }

    [Fact]
    public async Task At_the_anchor_thumbs_up_csat_and_rewrite_diverge_as_open_episodes_since_the_campaign_with_the_bench_flat()
    {
        // Months after users turned unhappy, the disagreement of levels is still on the dashboard (issue 10).
        var signals = await AtAsync(DemoAppFactory.Anchor);
        foreach (var metric in new[] { "thumbsUpRate", "csat", "rewriteRate" })
        {
            var divergence = Assert.Single(signals, s => s.Kind == SignalKinds.Divergence && s.Metric == metric);
            Assert.InRange(divergence.Since, Campaign.AddDays(-3), Campaign.AddDays(14));
            var evidence = Assert.IsType<BenchDashboard.Features.Signals.Rules.DivergenceEvidence>(divergence.Evidence);
            // The bench stayed where it was (a few flaky cases wobble): it never saw what users saw.
            Assert.NotNull(evidence.BenchNow);
            Assert.InRange(evidence.BenchBefore - evidence.BenchNow!.Value, -0.02, 0.02);
            Assert.InRange(evidence.BenchNow.Value, 0.90, 0.98);
        }
        var thumbs = signals.Single(s => s.Kind == SignalKinds.Divergence && s.Metric == "thumbsUpRate");
        Assert.Equal(SignalSeverity.Alert, thumbs.Severity);
        Assert.Contains("Thumbs-up rate fell from", thumbs.Summary);
    }

    [Fact]
    public async Task The_api_answers_the_contract_and_sees_only_data_up_to_as_of()
    {
        var api = app.CreateApiClient(AppFactory.BootstrapKey);
        var before = await Json(api, $"/api/v1/projects/{DemoStory.ProjectSlug}/signals?asOf={Campaign.AddDays(-1):yyyy-MM-dd}");
        Assert.Equal(Campaign.AddDays(-1).ToString("yyyy-MM-dd"), before.GetProperty("asOf").GetString());
        Assert.DoesNotContain(before.GetProperty("signals").EnumerateArray(), s => s.GetProperty("kind").GetString() == "divergence");

        var after = await Json(api, $"/api/v1/projects/{DemoStory.ProjectSlug}/signals?asOf={Campaign.AddDays(18):yyyy-MM-dd}");
        var divergence = after.GetProperty("signals").EnumerateArray().First(s => s.GetProperty("kind").GetString() == "divergence");
        // The contract's fields, in order, then the optional lifecycle fields API.md allows.
        Assert.Equal(["kind", "metric", "severity", "since", "summary", "evidence"], divergence.EnumerateObject().Select(p => p.Name).Take(6));
        Assert.Equal("open", divergence.GetProperty("status").GetString());
        Assert.Contains(divergence.GetProperty("severity").GetString(), new[] { "warning", "alert" });
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", divergence.GetProperty("since").GetString());
        Assert.True(divergence.GetProperty("evidence").GetProperty("pValue").GetDouble() < 0.05);
    }

    [Fact]
    public async Task Typed_evidence_keeps_its_json_names_in_the_api()
    {
        var api = app.CreateApiClient(AppFactory.BootstrapKey);
        var signals = (await Json(api, $"/api/v1/projects/{DemoStory.ProjectSlug}/signals?asOf={DemoAppFactory.Anchor:yyyy-MM-dd}"))
            .GetProperty("signals").EnumerateArray().ToList();
        string[] Keys(string kind, string? check = null) => signals
            .First(s => s.GetProperty("kind").GetString() == kind && (check is null || s.GetProperty("evidence").GetProperty("check").GetString() == check))
            .GetProperty("evidence").EnumerateObject().Select(p => p.Name).ToArray();

        // The names API consumers read today (none missing); new ones may be added.
        Assert.Empty(new[] { "period", "runs", "versions", "low", "high", "range", "series" }.Except(Keys("stagnation")));
        Assert.Empty(new[] { "runs", "versions", "meanJaccard", "alwaysFailing", "lastNewFailure", "noNewFailureDays", "daysSinceNewFailure" }
            .Except(Keys("failure_churn")));
        Assert.Empty(new[] { "round", "closedAt", "reviewed", "failures", "benchWouldCatch", "catchRate", "catchRateLow", "catchRateHigh", "threshold" }
            .Except(Keys("coverage")));
        Assert.Empty(new[] { "check", "last", "daysSince", "everyDays" }.Except(Keys("cadence", "sampling")));
        var stagnation = signals.First(s => s.GetProperty("kind").GetString() == "stagnation").GetProperty("evidence");
        Assert.Equal(["runId", "version", "startedAt", "passRate"], stagnation.GetProperty("series")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["from", "to"], stagnation.GetProperty("period").EnumerateObject().Select(p => p.Name));
    }

    private static async Task<System.Text.Json.JsonElement> Json(HttpClient api, string url)
    {
        var response = await api.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
