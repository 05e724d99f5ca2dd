using BenchDashboard.Components.Shared.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;
using PlotlyLayout = Plotly.Blazor.Layout;

namespace BenchDashboard.Components.Shared;

/// <summary>
/// The app's one chart component, on Plotly.Blazor (decision 0018). Pages pass a <see cref="ChartFigure"/>; this
/// component turns it into Plotly's figure (<see cref="PlotlyFigure"/>) in the theme's colours (<see cref="ChartPalette"/>),
/// loads Plotly's basic bundle (scatter, lines, filled bands: all our charts need), redraws with <c>Plotly.react</c>
/// when the figure or the theme changes (the figure's <see cref="ChartFigure.Revision"/> keeps the user's zoom), and
/// follows its container's size.
/// </summary>
public sealed partial class PlotlyChart
{
    private readonly string id = "chart-" + Guid.NewGuid().ToString("N");
    private readonly Config config = PlotlyFigure.Config();
    private Plotly.Blazor.PlotlyChart? chart;
    private IJSObjectReference? module;
    private IList<ITrace> data = [];
    private PlotlyLayout layout = new();
    private (ChartFigure Figure, bool Dark)? built; // what data and layout were made from; null until there is a figure
    private bool redraw;
    private Task? observing;

    /// <summary>What to draw; while null (the page is still loading it) the chart's space stays empty.</summary>
    [Parameter, EditorRequired] public ChartFigure? Figure { get; set; }

    /// <summary>Cascaded by the layout: the page is in its dark theme.</summary>
    [CascadingParameter(Name = "DarkMode")] public bool DarkMode { get; set; }

    /// <summary>CSS height of the chart; the width follows the container.</summary>
    [Parameter] public string Height { get; set; } = "420px";

    /// <summary>Text alternative for screen readers: say what the chart shows.</summary>
    [Parameter, EditorRequired] public string AriaLabel { get; set; } = "";

    /// <summary>Value of the plot element's <c>data-testid</c> attribute, for tests.</summary>
    [Parameter] public string TestId { get; set; } = "plotly-chart";

    protected override void OnParametersSet()
    {
        // Pages replace the figure as a whole when what it shows changes; redraw only then (or when the theme flips).
        if (Figure is null || built is { } b && ReferenceEquals(b.Figure, Figure) && b.Dark == DarkMode) return;
        redraw = built is not null;
        built = (Figure, DarkMode);
        data = PlotlyFigure.Data(Figure);
        layout = PlotlyFigure.Layout(Figure, ChartPalette.For(DarkMode));
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (built is null) return;
        // Once, when the plot element first exists (renders can overlap while this awaits).
        observing ??= ObserveAsync();
        await observing;
        if (redraw && chart is not null)
        {
            redraw = false;
            await chart.React();
        }
    }

    /// <summary>Plotly.Blazor draws the first figure itself; this app's module only follows container resizes.</summary>
    private async Task ObserveAsync()
    {
        module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Shared/PlotlyChart.razor.js");
        await module.InvokeVoidAsync("observe", id);
    }

    public async ValueTask DisposeAsync()
    {
        if (module is null) return;
        try
        {
            await module.InvokeVoidAsync("unobserve", id);
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (tab closed): the browser already dropped the chart.
        }
    }
}
