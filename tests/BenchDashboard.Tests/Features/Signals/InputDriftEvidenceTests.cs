using System.Text.Json;
using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Signals.Rules;
using BenchDashboard.Features.Trends;

namespace BenchDashboard.Tests.Features.Signals;

/// <summary>Input drift tells a lead, in words and units, what differs and opens the data behind it.</summary>
public class InputDriftEvidenceTests
{
    private static Signal Drift(ProjectSignalData data, int day, string metric) =>
        Assert.Single(SignalEngine.Evaluate(data, ScenarioProject.Date(day)), s => s.Kind == SignalKinds.InputDrift && s.Metric == metric);

    private static string[] JsonNames(object evidence) =>
        JsonSerializer.SerializeToElement(evidence, JsonSerializerOptions.Web).EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void An_uncovered_category_is_named_with_its_shares_and_opens_thumbs_up_for_that_category()
    {
        var mix = ScenarioProject.HealthyMix.ToDictionary(p => p.Key, p => p.Value * 0.75);
        mix["subscription disputes"] = 0.25;
        var data = new ScenarioProject(13) { TrafficMix = day => day < 150 ? ScenarioProject.HealthyMix : mix }.Build();

        var evidence = Assert.IsType<InputCategoryDriftEvidence>(Drift(data, 180, "category").Evidence);

        var facts = evidence.Facts().ToDictionary(f => f.Label, f => f.Value);
        Assert.Matches(@"^\d\.\d\d \((warning at 0\.10, )?alert at 0\.20\)$", facts["Population stability index (categories)"]);
        Assert.Matches(@"^0\.\d\d$", facts["Jensen–Shannon distance"]);
        Assert.StartsWith("“subscription disputes”: 2", facts["Uncovered category"]);
        Assert.Contains("of traffic, 0.0 % of bench cases", facts["Uncovered category"]);
        Assert.Equal("300", facts["Bench cases"]);
        Assert.Equal(["subscription disputes"], evidence.Uncovered);
        Assert.Equal(8_400, evidence.Traces);

        // The API keeps today's names; the thresholds behind the facts are not repeated there.
        Assert.Equal(["window", "psi", "jensenShannonDistance", "uncovered", "shares", "traces", "cases"], JsonNames(evidence));

        var view = evidence.DataView(ScenarioProject.Date(180));
        Assert.Equal((TrendMetrics.ThumbsUpRate, "subscription disputes"), (view.Metric, view.Category));
        Assert.Equal((ScenarioProject.Date(180 - 27 - 56), ScenarioProject.Date(180)), (view.From, view.To));
    }

    [Fact]
    public void Longer_production_inputs_are_told_in_characters_with_the_effect_size_they_were_judged_by()
    {
        var data = new ScenarioProject(21) { InputLengthFactor = day => day < 120 ? 1.0 : 2.5 }.Build();
        Assert.DoesNotContain(SignalEngine.Evaluate(data, ScenarioProject.Date(110)), s => s.Kind == SignalKinds.InputDrift);

        var signal = Drift(data, 200, "inputLength");
        var evidence = Assert.IsType<InputLengthDriftEvidence>(signal.Evidence);

        Assert.Equal(SignalSeverity.Alert, signal.Severity);
        Assert.InRange(signal.Since, ScenarioProject.Date(120), ScenarioProject.Date(134));
        Assert.InRange(evidence.ProductionMedian / evidence.BenchMedian, 2.2, 2.8);
        Assert.InRange(evidence.KsD, 0.35, 1);
        Assert.InRange(evidence.Wasserstein, evidence.ProductionMedian - evidence.BenchMedian, 3 * (evidence.ProductionMedian - evidence.BenchMedian));
        var facts = evidence.Facts().ToDictionary(f => f.Label, f => f.Value);
        Assert.Matches(@"^production [\d,]+ characters, bench [\d,]+ characters$", facts["Median input length"]);
        Assert.Matches(@"^0\.\d\d \(alert at 0\.35\); p < 0\.001$", facts["Largest gap between the length distributions (Kolmogorov–Smirnov D)"]);
        Assert.Matches(@"^[\d,]+ characters$", facts["Wasserstein distance"]);
        Assert.Contains("longer than the bench's", signal.Summary);

        Assert.Equal(["window", "ksD", "ksPValue", "wasserstein", "productionMedian", "benchMedian", "traces", "cases"], JsonNames(evidence));

        var view = evidence.DataView(ScenarioProject.Date(200));
        Assert.Equal((TrendMetrics.ThumbsUpRate, (string?)null, ScenarioProject.Date(200)), (view.Metric, view.Category, view.To));
    }
}
