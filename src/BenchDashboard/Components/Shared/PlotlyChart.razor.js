// The only place that talks to plotly.js. Plotly is a UMD bundle, so it is loaded once as a classic script.
let plotlyLoading = null;

function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    plotlyLoading ??= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = "lib/plotly/plotly.min.js";
        script.onload = () => resolve(window.Plotly);
        script.onerror = () => reject(new Error("plotly.js could not be loaded"));
        document.head.appendChild(script);
    });
    return plotlyLoading;
}

export async function render(element, data, layout, config) {
    const Plotly = await loadPlotly();
    // Text takes the page's colour, so the chart reads in the light and the dark theme alike.
    const themed = { ...layout, font: { color: getComputedStyle(element).color, ...(layout.font ?? {}) } };
    await Plotly.react(element, data, themed, config);
    if (!element._benchResizeObserver) {
        element._benchResizeObserver = new ResizeObserver(() => Plotly.Plots.resize(element));
        element._benchResizeObserver.observe(element);
    }
}

export function dispose(element) {
    if (!element) return;
    element._benchResizeObserver?.disconnect();
    element._benchResizeObserver = null;
    window.Plotly?.purge(element);
}
