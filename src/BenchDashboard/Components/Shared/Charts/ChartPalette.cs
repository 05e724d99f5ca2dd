namespace BenchDashboard.Components.Shared.Charts;

/// <summary>
/// Every colour a chart takes from the theme, for light and dark pages. Chart backgrounds are transparent, so the page's
/// own background shows through; the text colours are chosen for at least 4.5:1 contrast (WCAG AA) against
/// <see cref="PageBackground"/>, the background each palette is designed for.
/// </summary>
public sealed record ChartPalette(
    string PageBackground,
    string Text,
    string TickText,
    string Grid,
    string AxisLine,
    string VersionMarker,
    string SignalMarker,
    string RubricMarker,
    string HoverBackground,
    string HoverText,
    string ModeBarIcon,
    string ModeBarActiveIcon)
{
    public static readonly ChartPalette Light = new(
        PageBackground: "#ffffff",
        Text: "#212121",
        TickText: "#424242",
        Grid: "rgba(0,0,0,0.12)",
        AxisLine: "#9e9e9e",
        VersionMarker: "#616161",
        SignalMarker: "#c62828",
        RubricMarker: "#6a1b9a",
        HoverBackground: "#ffffff",
        HoverText: "#212121",
        ModeBarIcon: "rgba(0,0,0,0.45)",
        ModeBarActiveIcon: "rgba(0,0,0,0.85)");

    /// <summary>For dark pages around #1e1e2d (the darkest surface a dark theme puts a chart on).</summary>
    public static readonly ChartPalette Dark = new(
        PageBackground: "#1e1e2d",
        Text: "#e6e6ee",
        TickText: "#c4c4d0",
        Grid: "rgba(255,255,255,0.12)",
        AxisLine: "#6e6e80",
        VersionMarker: "#a0a0b0",
        SignalMarker: "#ff8a80",
        RubricMarker: "#ce93d8",
        HoverBackground: "#2b2b3c",
        HoverText: "#f0f0f5",
        ModeBarIcon: "rgba(255,255,255,0.55)",
        ModeBarActiveIcon: "rgba(255,255,255,0.95)");

    public static ChartPalette For(bool darkMode) => darkMode ? Dark : Light;
}
