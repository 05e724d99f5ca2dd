// Plotly follows window resizes by itself (config.responsive); a container that changes size on its own (a sidebar
// folding, a card growing) needs Plotly.Plots.resize. Everything else about Plotly is Plotly.Blazor's.
const observers = new Map();

export function observe(id) {
    const element = document.getElementById(id);
    if (!element || observers.has(id)) return;
    const observer = new ResizeObserver(() => {
        // Until Plotly has drawn (its bundle may still be loading) there is nothing to resize.
        if (window.Plotly && element.classList.contains("js-plotly-plot")) window.Plotly.Plots.resize(element);
    });
    observer.observe(element);
    observers.set(id, observer);
}

export function unobserve(id) {
    observers.get(id)?.disconnect();
    observers.delete(id);
}
