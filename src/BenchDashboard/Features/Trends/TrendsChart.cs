using System.Globalization;

namespace BenchDashboard.Features.Trends;

/// <summary>Turns a <see cref="TrendsResult"/> into a Plotly figure: the bench pass rate against one user-experience
/// metric (or alone when it is the metric asked for) on one time axis (rates in percent on the left axis, CSAT 1–5 on
/// the right), each line with its 95 % band, a dotted marker per pipeline version and a red one where a signal started.</summary>
public static class TrendsChart
{
    private sealed record Line(string Metric, string Color, bool Percent, string Axis);

    private static readonly Dictionary<string, string> Colors = new()
    {
        [TrendMetrics.BenchPassRate] = "#1565c0",
        [TrendMetrics.ThumbsUpRate] = "#2e7d32",
        [TrendMetrics.Csat] = "#6a1b9a",
        [TrendMetrics.RewriteRate] = "#ef6c00",
        [TrendMetrics.RetryRate] = "#00838f",
        [TrendMetrics.UndoRate] = "#ad1457",
        [TrendMetrics.FormatErrorRate] = "#6d4c41",
    };

    /// <summary>A signal shown on the chart: where it started and what it says.</summary>
    public sealed record SignalMarker(DateOnly Since, string Label, string Summary);

    public static (IReadOnlyList<object> Data, object Layout) Build(TrendsResult trends, string metric, IReadOnlyList<SignalMarker>? signals = null)
    {
        var lines = new[] { TrendMetrics.BenchPassRate, metric }.Distinct()
            .Select(m => new Line(m, Colors[m], m != TrendMetrics.Csat, m == TrendMetrics.Csat ? "y2" : "y"));
        var data = new List<object>();
        foreach (var line in lines)
        {
            var points = trends.Series[line.Metric];
            if (points.Count == 0) continue;
            var scale = line.Percent ? 100.0 : 1.0;
            var x = points.Select(p => p.T).ToArray();
            var name = TrendMetrics.Label(line.Metric);
            // The band: the upper bound, then the lower bound filled up to it.
            data.Add(new { x, y = points.Select(p => Round(p.High * scale)).ToArray(), yaxis = line.Axis, type = "scatter", mode = "lines",
                line = new { width = 0, color = line.Color }, hoverinfo = "skip", showlegend = false, legendgroup = line.Metric });
            data.Add(new { x, y = points.Select(p => Round(p.Low * scale)).ToArray(), yaxis = line.Axis, type = "scatter", mode = "lines",
                fill = "tonexty", fillcolor = line.Color + "22", line = new { width = 0, color = line.Color }, hoverinfo = "skip",
                showlegend = false, legendgroup = line.Metric });
            data.Add(new
            {
                x, y = points.Select(p => Round(p.Value * scale)).ToArray(), yaxis = line.Axis, type = "scatter", mode = "lines+markers",
                name, legendgroup = line.Metric, line = new { color = line.Color, width = 2 }, marker = new { size = 5 },
                customdata = points.Select(p => new object[] { p.N, Round(p.Low * scale), Round(p.High * scale) }).ToArray(),
                hovertemplate = $"{name}: %{{y}}{(line.Percent ? " %" : "")}<br>95 % interval %{{customdata[1]}}–%{{customdata[2]}}<br>n = %{{customdata[0]}}<extra>%{{x}}</extra>",
            });
        }

        var shapes = trends.Versions.Select(v => (object)new
        {
            type = "line", xref = "x", yref = "paper", x0 = Iso(v.DeployedAt), x1 = Iso(v.DeployedAt), y0 = 0, y1 = 1,
            line = new { color = "#757575", width = 1, dash = "dot" },
        }).ToList();
        var annotations = trends.Versions.Select(v => (object)new
        {
            xref = "x", yref = "paper", x = Iso(v.DeployedAt), y = 1.02, text = v.Version, showarrow = false,
            hovertext = $"{v.Version}: {v.Model} · {v.Prompt}{(string.IsNullOrEmpty(v.Notes) ? "" : " — " + v.Notes)}",
            font = new { size = 11 },
        }).ToList();
        foreach (var signal in (signals ?? []).Where(s => s.Since >= trends.From && s.Since <= trends.To))
        {
            var x = signal.Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            shapes.Add(new { type = "line", xref = "x", yref = "paper", x0 = x, x1 = x, y0 = 0, y1 = 0.92, line = new { color = "#c62828", width = 1.5, dash = "dash" } });
            annotations.Add(new { xref = "x", yref = "paper", x, y = 0.94, text = "⚠ " + signal.Label, showarrow = false, hovertext = signal.Summary,
                font = new { size = 10, color = "#c62828" }, xanchor = "left" });
        }

        var layout = new
        {
            margin = new { t = 40, r = 60, b = 50, l = 60 },
            hovermode = "x unified",
            legend = new { orientation = "h", y = -0.15 },
            xaxis = new { type = "date", gridcolor = GridColor },
            yaxis = new { title = new { text = "Rate (%)" }, range = new[] { 0, 100 }, ticksuffix = " %", gridcolor = GridColor },
            yaxis2 = new { title = new { text = "CSAT (1–5)" }, range = new[] { 1, 5 }, dtick = 0.5, overlaying = "y", side = "right", showgrid = false },
            shapes = shapes.ToArray(),
            annotations = annotations.ToArray(),
            paper_bgcolor = "rgba(0,0,0,0)",
            plot_bgcolor = "rgba(0,0,0,0)",
        };
        return (data, layout);
    }

    // Grey at low opacity works on light and dark backgrounds.
    private const string GridColor = "rgba(128,128,128,0.25)";

    private static double Round(double v) => Math.Round(v, 2);

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
