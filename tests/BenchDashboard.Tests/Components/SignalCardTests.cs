using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Signals.Rules;
using Bunit;

namespace BenchDashboard.Tests.Components;

/// <summary>A signal card's evidence: closed on the dashboard, opened and closed again by its toggle.</summary>
public class SignalCardTests : AppComponentTestContext
{
    private static readonly Signal Stagnation = new("stagnation", null, SignalSeverity.Alert, new DateOnly(2026, 8, 1), "Across 4 pipeline versions …",
        new StagnationEvidence(new DayRange(new DateOnly(2026, 4, 5), new DateOnly(2026, 10, 1)), 26, 4, 0.94, 0.955, 0.03, 3,
            [new("run-1", "v4", new DateTime(2026, 4, 6, 3, 0, 0, DateTimeKind.Utc), 0.94), new("run-2", "v5", new DateTime(2026, 9, 28, 3, 0, 0, DateTimeKind.Utc), 0.955)]));

    [Fact]
    public void The_evidence_toggle_shows_the_labelled_facts_and_hides_them_again()
    {
        var cut = Render<SignalCard>(p => p.Add(c => c.Signal, Stagnation).Add(c => c.Slug, "support-assistant").Add(c => c.AsOf, new DateOnly(2026, 10, 1)));
        Assert.Equal("Alert: Stagnation", cut.Find("[data-testid=signal]").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("[data-testid=signal-evidence]"));
        Assert.Equal("false", cut.Find("[data-testid=signal-evidence-toggle]").GetAttribute("aria-expanded"));

        cut.Find("[data-testid=signal-evidence-toggle]").Click();

        Assert.Equal("true", cut.Find("[data-testid=signal-evidence-toggle]").GetAttribute("aria-expanded"));
        var facts = cut.FindAll("[data-testid=signal-evidence] dt").Select(dt => dt.TextContent).ToList();
        Assert.Contains("Bench pass rate range", facts);
        Assert.Contains("Pipeline versions deployed in the period", facts);
        Assert.NotEmpty(cut.FindAll("[data-testid=signal-chart]"));

        cut.Find("[data-testid=signal-evidence-toggle]").Click();

        Assert.Empty(cut.FindAll("[data-testid=signal-evidence]"));
    }
}
