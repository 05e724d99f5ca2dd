using BenchDashboard.Features.Trends;
using BenchDashboard.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BenchDashboard.Tests.Features.Trends;

/// <summary>The Trends page's data-quality note, rendered with the framework's HtmlRenderer (docs/decisions/0005).</summary>
public class UnknownTraceNoteTests
{
    private static async Task<string> RenderAsync(long count)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddUiComponentsForTests();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<UnknownTraceNote>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Count"] = count })))
            .ToHtmlString());
    }

    [Fact]
    public async Task The_note_says_how_many_feedback_events_were_left_out_of_per_trace_rates()
    {
        var html = await RenderAsync(1312);
        Assert.Contains("data-testid=\"unknown-trace-note\"", html);
        Assert.Contains("1,312 feedback events name no trace or a trace that was never sent; they are left out of per-trace rates.", html);
        Assert.Contains("1 feedback event names no trace or a trace that was never sent; it is left out", await RenderAsync(1));
    }

    [Fact]
    public async Task Without_such_feedback_there_is_no_note()
    {
        Assert.DoesNotContain("unknown-trace-note", await RenderAsync(0));
    }
}
