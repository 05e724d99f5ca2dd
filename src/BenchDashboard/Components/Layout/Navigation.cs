using BenchDashboard.Domain;

namespace BenchDashboard.Components.Layout;

/// <summary>One entry of the side navigation. <see cref="Roles"/> mirrors the page's [Authorize] attribute.</summary>
public sealed record NavEntry(string Title, string Segment, string Icon, string? Roles, bool PerProject = true)
{
    public string Href(string? slug) => PerProject ? (slug is null ? "/" : $"/p/{slug}/{Segment}") : $"/{Segment}";

    public static readonly IReadOnlyList<NavEntry> All =
    [
        new("Trends", "trends", "show_chart", null),
        new("Signals", "signals", "notifications_active", null),
        new("Sampling", "sampling", "casino", Domain.Roles.Leads),
        new("Review", "review", "rate_review", Domain.Roles.Reviewers),
        new("Bench", "bench", "checklist", Domain.Roles.Reviewers),
        new("Rubrics", "rubrics", "rule", Domain.Roles.Leads),
        new("Reports", "reports", "picture_as_pdf", Domain.Roles.ReportReaders),
        new("Import", "import", "upload_file", Domain.Roles.Leads),
        new("Settings", "settings", "tune", Domain.Roles.Leads),
        new("Admin", "admin", "admin_panel_settings", Domain.Roles.Admin, PerProject: false),
    ];

    /// <summary>The project slug of a URL shaped <c>/p/{slug}/...</c>, if any.</summary>
    public static string? SlugFromPath(string relativePath)
    {
        var segments = relativePath.Split('?', '#')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0] == "p" ? Uri.UnescapeDataString(segments[1]) : null;
    }

    /// <summary>The feature segment of a <c>/p/{slug}/{feature}</c> URL, so switching projects keeps the screen.</summary>
    public static string FeatureFromPath(string relativePath)
    {
        var segments = relativePath.Split('?', '#')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[0] == "p" ? segments[2] : "trends";
    }
}
