using BenchDashboard.Components.Shared;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BenchDashboard.Tests.Components;

/// <summary>
/// The exact HTML a component sends, rendered with the framework's HtmlRenderer as the server does (docs/decisions/0017):
/// encoding of untrusted text and the labelled evidence markup. Behaviour (clicks, forms, state) is tested with bUnit.
/// </summary>
public class ComponentRenderTests
{
    private static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddUiComponentsForTests();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>Markup as a reader's text: decoded, without scoped-CSS attributes and the whitespace between tags.</summary>
    private static string Plain(string html) =>
        System.Net.WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, @" b-[a-z0-9]{10}", ""), @">\s+<", "><"));

    [Fact]
    public async Task A_signal_card_shows_production_text_as_text()
    {
        // Category names come from production traces: untrusted text, shown but never rendered as markup.
        var hostile = "<img src=x onerror=alert(1)>";
        var signal = new BenchDashboard.Features.Signals.Signal("input_drift", "category", BenchDashboard.Features.Signals.SignalSeverity.Alert,
            new DateOnly(2026, 6, 14), $"“{hostile}” is uncovered.", new BenchDashboard.Features.Signals.Rules.InputCategoryDriftEvidence(
                new(new DateOnly(2026, 6, 4), new DateOnly(2026, 7, 1)), 0.42, 0.2, [hostile], [new(hostile, 0.2, 0.0), new("billing", 0.8, 1.0)],
                42231, 300, BenchDashboard.Features.Signals.SignalSettings.Defaults));

        var html = await RenderAsync<BenchDashboard.Features.Signals.SignalCard>(new()
        {
            ["Signal"] = signal, ["Slug"] = "support-assistant", ["AsOf"] = new DateOnly(2026, 7, 1),
        });

        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("since 14 Jun 2026", html);
        Assert.Contains("Input drift &#xB7; category", html); // the renderer encodes non-ASCII as entities
        Assert.Contains("metric=thumbsUpRate", html); // the data link opens thumbs-up for the uncovered category
        Assert.Contains("category=%3Cimg", html); // the category reaches the link escaped
    }

    [Fact]
    public async Task A_signal_card_lists_labelled_evidence_with_units_and_links_to_the_metric_and_days_of_that_signal()
    {
        var period = new BenchDashboard.Features.Signals.DayRange(new DateOnly(2026, 4, 5), new DateOnly(2026, 10, 1));
        var evidence = new BenchDashboard.Features.Signals.Rules.StagnationEvidence(period, 26, 4, 0.94, 0.955, 0.03, 3,
            [new("run-1", "v4", new DateTime(2026, 4, 6, 3, 0, 0, DateTimeKind.Utc), 0.94), new("run-2", "v5", new DateTime(2026, 9, 28, 3, 0, 0, DateTimeKind.Utc), 0.955)]);
        var signal = new BenchDashboard.Features.Signals.Signal("stagnation", null, BenchDashboard.Features.Signals.SignalSeverity.Alert,
            new DateOnly(2026, 8, 1), "Across 4 pipeline versions …", evidence);

        var html = Plain(await RenderAsync<BenchDashboard.Features.Signals.SignalCard>(new()
        {
            ["Signal"] = signal, ["Slug"] = "support-assistant", ["AsOf"] = new DateOnly(2026, 10, 1), ["EvidenceOpen"] = true,
        }));

        Assert.Contains("<dt>Bench pass rate range</dt><dd>94.0 %–95.5 % (1.5 pp; stagnation at ≤ 3.0 pp)</dd>", html);
        Assert.Contains("<dt>Pipeline versions deployed in the period</dt><dd>4 (stagnation from 3)</dd>", html);
        Assert.DoesNotContain("<dt>maxRange</dt>", html);
        Assert.DoesNotContain("<dt>low</dt>", html);
        // The bench pass rate over the stagnation period; more than four months read by the week.
        Assert.Contains("href=\"/p/support-assistant/trends?bucket=week&metric=benchPassRate&from=2026-04-05&to=2026-10-01\"", html);
        Assert.Contains("data-testid=\"signal-chart\"", html);
    }

    [Fact]
    public async Task Evidence_text_from_imports_is_shown_as_text()
    {
        // Version names come from whoever imported the runs.
        var hostile = "<img src=x onerror=alert(1)>";
        var evidence = new BenchDashboard.Features.Signals.Rules.BenchAuditEvidence(
            [new(hostile, new DateTime(2026, 2, 14, 9, 0, 0, DateTimeKind.Utc), 20, "v1", new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc))], 14);
        var signal = new BenchDashboard.Features.Signals.Signal("cadence", null, BenchDashboard.Features.Signals.SignalSeverity.Warning,
            new DateOnly(2026, 3, 1), "Version … went live without a bench audit.", evidence) { Check = BenchDashboard.Features.Signals.Rules.CadenceChecks.BenchAudit };

        var html = await RenderAsync<BenchDashboard.Features.Signals.SignalCard>(new()
        {
            ["Signal"] = signal, ["Slug"] = "support-assistant", ["AsOf"] = new DateOnly(2026, 3, 6), ["EvidenceOpen"] = true,
        });

        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; (live since 14 Feb 2026, 20 days; replaced v1)", html);
        Assert.Contains("<dt>Grace period for a bench audit</dt><dd>14 days</dd>", Plain(html));
    }

}

internal static class TestServiceExtensions
{
    public static IServiceCollection AddUiComponentsForTests(this IServiceCollection services)
    {
        MudBlazor.Services.ServiceCollectionExtensions.AddMudServices(services);
        services.AddSingleton<Microsoft.JSInterop.IJSRuntime, NoJsRuntime>();
        services.AddSingleton<NavigationManager, TestNavigationManager>();
        return services;
    }

    /// <summary>Static rendering never calls JavaScript; a call would be a test bug.</summary>
    private sealed class NoJsRuntime : Microsoft.JSInterop.IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new InvalidOperationException($"JS call {identifier} during static render");
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
    }

    private sealed class TestNavigationManager : NavigationManager
    {
        public TestNavigationManager() => Initialize("http://localhost/", "http://localhost/");
    }
}
