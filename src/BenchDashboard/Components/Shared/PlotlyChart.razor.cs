using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BenchDashboard.Components.Shared;

/// <summary>
/// The one wrapper around plotly.js (loaded from <c>wwwroot/lib/plotly</c>, which the build copies from npm).
/// Redraws with <c>Plotly.react</c> whenever the figure changes, follows its container's size, and purges the
/// plot when the component goes away.
/// </summary>
public sealed partial class PlotlyChart
{
    private ElementReference element;
    private IJSObjectReference? module;
    private object? renderedFigure;

    /// <summary>Plotly traces (serialized to JSON as given; use camelCase-free anonymous objects with Plotly's own names).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<object> Data { get; set; } = [];

    /// <summary>Plotly layout object.</summary>
    [Parameter] public object? Layout { get; set; }

    /// <summary>Plotly config object; defaults to a responsive chart without the Plotly logo.</summary>
    [Parameter] public object? Config { get; set; }

    /// <summary>CSS height of the chart; the width follows the container.</summary>
    [Parameter] public string Height { get; set; } = "420px";

    /// <summary>Text alternative for screen readers: say what the chart shows.</summary>
    [Parameter, EditorRequired] public string AriaLabel { get; set; } = "";

    /// <summary>Value of the <c>data-testid</c> attribute, for tests.</summary>
    [Parameter] public string TestId { get; set; } = "plotly-chart";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Shared/PlotlyChart.razor.js");
        }
        // Parameters are replaced as a whole by the parent when the figure changes; redraw only then.
        var figure = (Data, Layout, Config);
        if (module is not null && !Equals(renderedFigure, figure))
        {
            renderedFigure = figure;
            await module.InvokeVoidAsync("render", element, Data, Layout ?? new { }, Config ?? DefaultConfig);
        }
    }

    private static readonly object DefaultConfig = new { responsive = true, displaylogo = false };

    public async ValueTask DisposeAsync()
    {
        if (module is null) return;
        try
        {
            await module.InvokeVoidAsync("dispose", element);
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (tab closed): the browser already dropped the chart.
        }
    }
}
