using MudBlazor;

namespace BenchDashboard.Components.Ui;

/// <summary>
/// The app's one theme: light and dark palettes, and the cookie that keeps each browser's choice. Colours were picked
/// for WCAG AA contrast (4.5:1 for text) against the surfaces they sit on, in both modes.
/// </summary>
public static class AppTheme
{
    /// <summary>The cookie holding "dark" or "light"; read while prerendering so the first paint has the right colours.</summary>
    public const string Cookie = "BenchDashboard.Theme";

    /// <summary>Whether a cookie value asks for the dark theme.</summary>
    public static bool IsDark(string? cookieValue) => string.Equals(cookieValue, "dark", StringComparison.OrdinalIgnoreCase);

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00796b",
            Success = "#2e7d32",
            Warning = "#8a5300",
            Error = "#c62828",
            Info = "#0b6aa2",
            AppbarBackground = "#ffffff",
            AppbarText = "#1c1e26",
            Background = "#f6f7fb",
            Surface = "#ffffff",
            TextPrimary = "#1c1e26",
            TextSecondary = "#4d5160",
            DrawerBackground = "#ffffff",
            DrawerText = "#1c1e26",
            LinesDefault = "#d5d8e1",
            TableLines = "#e1e4ec",
        },
        PaletteDark = new PaletteDark
        {
            // Links and primary text sit on #1e1f2b surfaces: #9fa8ff gives 7:1, #c0c3cf text 9:1.
            Primary = "#9fa8ff",
            PrimaryContrastText = "#10121c",
            Secondary = "#4fd1c5",
            Success = "#66bb6a",
            Warning = "#ffb74d",
            Error = "#ff8a80",
            Info = "#64b5f6",
            AppbarBackground = "#1e1f2b",
            AppbarText = "#e6e7ee",
            Background = "#12131a",
            Surface = "#1e1f2b",
            TextPrimary = "#e6e7ee",
            TextSecondary = "#b4b7c6",
            DrawerBackground = "#181924",
            DrawerText = "#e6e7ee",
            DrawerIcon = "#b4b7c6",
            LinesDefault = "#3a3c4d",
            TableLines = "#33354a",
            ActionDefault = "#c0c3cf",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "system-ui", "-apple-system", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px", DrawerWidthLeft = "220px" },
    };
}
