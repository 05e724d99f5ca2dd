using System.Globalization;
using Plotly.Blazor;
using PlotlyLayout = Plotly.Blazor.Layout;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using AnnotationXAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum;
using AnnotationYAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum;

namespace BenchDashboard.Components.Shared.Charts;

/// <summary>
/// Turns a <see cref="ChartFigure"/> into Plotly.Blazor's traces, layout and config: the only code that knows Plotly's
/// attribute names. All text goes through <see cref="PlotlyText.Encode"/>, all colours come from a
/// <see cref="ChartPalette"/>.
/// </summary>
internal static class PlotlyFigure
{
    /// <summary>Zoom, pan, reset and a PNG download; nothing that talks to Plotly Cloud and no Plotly logo.</summary>
    public static Config Config() => new()
    {
        DisplayLogo = false,
        ShowSendToCloud = false,
        ShowEditInChartStudio = false,
        ShowLink = false,
        Responsive = true,
        ModeBarButtons = new[] { new[] { "zoom2d", "pan2d", "zoomIn2d", "zoomOut2d", "resetScale2d" }, new[] { "toImage" } },
        ToImageButtonOptions = new { format = "png", filename = "benchdashboard-chart" },
    };

    public static IList<ITrace> Data(ChartFigure figure)
    {
        var data = new List<ITrace>();
        for (var i = 0; i < figure.Series.Count; i++)
        {
            var series = figure.Series[i];
            if (series.Points.Count == 0) continue;
            var axis = series.OnSecondAxis ? figure.Y2 ?? figure.Y : figure.Y;
            var yaxis = series.OnSecondAxis && figure.Y2 is not null ? "y2" : "y";
            var group = "series" + i.ToString(CultureInfo.InvariantCulture);
            var x = series.Points.Select(p => (object)Iso(p.At)).ToList();
            var band = series.ShowBand && series.Points.All(p => p.Low is not null && p.High is not null);
            if (band)
            {
                // The band: the upper bound, then the lower bound filled up to it.
                data.Add(BandEdge(x, series.Points.Select(p => p.High!.Value), yaxis, group, series.Color, fill: null));
                data.Add(BandEdge(x, series.Points.Select(p => p.Low!.Value), yaxis, group, series.Color, fill: Translucent(series.Color)));
            }
            data.Add(new Scatter
            {
                X = x,
                Y = series.Points.Select(p => (object)Round(p.Value)).ToList(),
                YAxis = yaxis,
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                Name = PlotlyText.Encode(series.Name),
                LegendGroup = group,
                Line = new Line { Color = series.Color, Width = 2 },
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Size = figure.Compact ? 4 : 5 },
                CustomData = series.Points.Select(p => (object)new object?[] { p.Count, p.Low is { } l ? Round(l) : null, p.High is { } h ? Round(h) : null }).ToList(),
                HoverTemplate = HoverTemplate(figure, series, axis, band),
            });
        }
        return data;
    }

    /// <summary>
    /// <c>%{y}</c> is formatted by the axis, unit included (Plotly adds the tick suffix on hover too): only the band's
    /// bounds, which are plain numbers, get the unit here.
    /// </summary>
    private static string HoverTemplate(ChartFigure figure, ChartSeries series, ChartAxis axis, bool band)
    {
        var template = figure.Compact ? "%{y}" : PlotlyText.Encode(series.Name) + ": %{y}";
        if (band) template += "<br>95 &#37; interval %{customdata[1]}–%{customdata[2]}" + PlotlyText.Encode(axis.Unit);
        if (series.Points.Any(p => p.Count is not null)) template += "<br>n = %{customdata[0]}";
        // Compact charts hover one point at a time, so the date goes beside it; the full chart shows it once on top.
        return template + (figure.Compact ? "<extra>%{x}</extra>" : "<extra></extra>");
    }

    private static Scatter BandEdge(IList<object> x, IEnumerable<double> y, string yaxis, string group, string color, string? fill) => new()
    {
        X = x,
        Y = y.Select(v => (object)Round(v)).ToList(),
        YAxis = yaxis,
        Mode = ModeFlag.Lines,
        Line = new Line { Width = 0, Color = color },
        Fill = fill is null ? null : FillEnum.ToNextY,
        FillColor = fill,
        HoverInfo = HoverInfoFlag.Skip,
        ShowLegend = false,
        LegendGroup = group,
    };

    public static PlotlyLayout Layout(ChartFigure figure, ChartPalette palette)
    {
        var (shapes, annotations, labelRows) = Markers(figure, palette);
        var yaxes = new List<YAxis> { ValueAxis(figure.Y, palette, figure.Compact) };
        if (figure.Y2 is { } y2)
        {
            var right = ValueAxis(y2, palette, figure.Compact);
            right.Overlaying = "y";
            right.Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right;
            right.ShowGrid = false;
            yaxes.Add(right);
        }
        return new PlotlyLayout
        {
            UiRevision = figure.Revision,
            Margin = figure.Compact
                ? new Margin { T = 8, R = 8, B = 28, L = 44 }
                : new Margin { T = 24 + 14 * labelRows, R = figure.Y2 is null ? 24 : 60, B = 50, L = 60 },
            ShowLegend = figure.ShowLegend,
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.15m, Font = new Plotly.Blazor.LayoutLib.LegendLib.Font { Color = palette.Text } }],
            HoverMode = figure.Compact ? HoverModeEnum.Closest : HoverModeEnum.XUnified,
            HoverLabel = new Plotly.Blazor.LayoutLib.HoverLabel
            {
                BgColor = palette.HoverBackground,
                BorderColor = palette.AxisLine,
                Font = new Plotly.Blazor.LayoutLib.HoverLabelLib.Font { Color = palette.HoverText },
            },
            Font = new Font { Color = palette.Text },
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            ModeBar = new ModeBar { BgColor = "rgba(0,0,0,0)", Color = palette.ModeBarIcon, ActiveColor = palette.ModeBarActiveIcon },
            XAxis =
            [
                new XAxis
                {
                    Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date,
                    GridColor = palette.Grid,
                    LineColor = palette.AxisLine,
                    ZeroLineColor = palette.AxisLine,
                    TickFont = new Plotly.Blazor.LayoutLib.XAxisLib.TickFont { Color = palette.TickText },
                },
            ],
            YAxis = yaxes,
            Shapes = shapes,
            Annotations = annotations,
        };
    }

    private static YAxis ValueAxis(ChartAxis axis, ChartPalette palette, bool compact) => new()
    {
        Title = compact || axis.Title is null ? null : new Plotly.Blazor.LayoutLib.YAxisLib.Title
        {
            Text = PlotlyText.Encode(axis.Title),
            Font = new Plotly.Blazor.LayoutLib.YAxisLib.TitleLib.Font { Color = palette.Text },
        },
        Range = axis is { Min: { } min, Max: { } max } ? [min, max] : null,
        DTick = axis.Step,
        TickSuffix = axis.Unit.Length == 0 ? null : PlotlyText.Encode(axis.Unit),
        GridColor = palette.Grid,
        LineColor = palette.AxisLine,
        ZeroLineColor = palette.AxisLine,
        TickFont = new Plotly.Blazor.LayoutLib.YAxisLib.TickFont { Color = palette.TickText },
    };

    /// <summary>
    /// Version labels sit above the plot, signal labels near its top. Neighbours too close to share a row are moved to
    /// another row (up for versions, down for signals; at most <see cref="MaxLabelRows"/>), so labels of events a few days
    /// apart do not print over each other.
    /// </summary>
    private static (List<Shape> Shapes, List<Annotation> Annotations, int LabelRows) Markers(ChartFigure figure, ChartPalette palette)
    {
        var shapes = new List<Shape>();
        var annotations = new List<Annotation>();
        var span = Span(figure);
        var versionRows = new LabelRows(span);
        // Rubric markers share the version labels' rows: both sit above the plot, so neither prints over the other.
        foreach (var marker in figure.Markers.Where(m => m.Kind is ChartMarkerKind.Version or ChartMarkerKind.Rubric).OrderBy(m => m.At))
        {
            var x = Iso(marker.At);
            var rubric = marker.Kind == ChartMarkerKind.Rubric;
            var color = rubric ? palette.RubricMarker : palette.VersionMarker;
            shapes.Add(VerticalLine(x, top: 1, color, width: rubric ? 1.5m : 1, dash: rubric ? "dashdot" : "dot"));
            var row = versionRows.Place(marker);
            annotations.Add(new Annotation
            {
                XRef = "x", YRef = "paper", X = x, Y = 1, YAnchor = AnnotationYAnchor.Bottom, YShift = 2 + 14 * (row ?? MaxLabelRows),
                Text = row is null ? (rubric ? "◆" : "•") : PlotlyText.Encode(marker.Label), HoverText = HoverOf(marker, row), ShowArrow = false,
                Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Size = 11, Color = color },
            });
        }
        var signalRows = new LabelRows(span);
        foreach (var marker in figure.Markers.Where(m => m.Kind == ChartMarkerKind.Signal).OrderBy(m => m.At))
        {
            var x = Iso(marker.At);
            shapes.Add(VerticalLine(x, top: 0.92m, palette.SignalMarker, width: 1.5m, dash: "dash"));
            var row = signalRows.Place(marker);
            annotations.Add(new Annotation
            {
                XRef = "x", YRef = "paper", X = x, Y = 0.94m, XAnchor = AnnotationXAnchor.Left, YShift = -13 * (row ?? MaxLabelRows),
                Text = row is null ? "⚠" : "⚠ " + PlotlyText.Encode(marker.Label), HoverText = HoverOf(marker, row), ShowArrow = false,
                Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Size = 10, Color = palette.SignalMarker },
            });
        }
        return (shapes, annotations, Math.Max(1, versionRows.Count));
    }

    /// <summary>A label too crowded to print keeps its name in the hover text of its icon.</summary>
    private static string HoverOf(ChartMarker marker, int? row) =>
        PlotlyText.Encode(row is null ? $"{marker.Label}: {marker.Detail}" : marker.Detail);

    /// <summary>
    /// Greedy rows for labels in time order: the first row whose last label ends before this one starts. When every row
    /// is taken, null: the caller prints an icon on a row of its own (its hover names it) rather than text over text.
    /// </summary>
    private sealed class LabelRows(TimeSpan span)
    {
        private readonly List<DateTime> ends = [];

        /// <summary>Rows used, counting the icon row when a label had no room.</summary>
        public int Count => ends.Count + (overflowed ? 1 : 0);

        private bool overflowed;

        public int? Place(ChartMarker marker)
        {
            // A label's width in time: about 7 px a character (plus the icon) on a chart about 900 px wide.
            var width = TimeSpan.FromTicks((long)(span.Ticks * Math.Min(0.5, (marker.Label.Length * 7 + 20) / 900.0)));
            var row = ends.FindIndex(end => end <= marker.At);
            if (row < 0 && ends.Count < MaxLabelRows) { ends.Add(default); row = ends.Count - 1; }
            if (row < 0)
            {
                overflowed = true;
                return null;
            }
            ends[row] = marker.At + width;
            return row;
        }
    }

    private const int MaxLabelRows = 3;

    private static Shape VerticalLine(string x, decimal top, string color, decimal width, string dash) => new()
    {
        Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line, XRef = "x", YRef = "paper", X0 = x, X1 = x, Y0 = 0, Y1 = top,
        Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = color, Width = width, Dash = dash },
    };

    /// <summary>The time the figure covers (points and markers), for spacing the labels.</summary>
    private static TimeSpan Span(ChartFigure figure)
    {
        var times = figure.Series.SelectMany(s => s.Points.Select(p => p.At)).Concat(figure.Markers.Select(m => m.At)).ToList();
        return times.Count < 2 ? TimeSpan.FromDays(1) : (times.Max() - times.Min()) is { Ticks: > 0 } span ? span : TimeSpan.FromDays(1);
    }

    /// <summary>A colour at about 13 % opacity, for bands (only #rrggbb colours get an alpha; others are used as given).</summary>
    private static string Translucent(string color) => color.Length == 7 && color[0] == '#' ? color + "22" : color;

    private static double Round(double v) => Math.Round(v, 2);

    /// <summary>Dates alone when there is no time of day, as the trends API writes them.</summary>
    private static string Iso(DateTime t) =>
        t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
