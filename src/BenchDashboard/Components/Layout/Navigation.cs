using BenchDashboard.Components.Ui;
using BenchDashboard.Domain;

namespace BenchDashboard.Components.Layout;

/// <summary>One entry of the side navigation. <see cref="Roles"/> mirrors the page's [Authorize] attribute.</summary>
public sealed record NavEntry(string Title, string Segment, string Icon, string? Roles, bool PerProject = true)
{
    public string Href(string? slug) => PerProject ? (slug is null ? "/" : $"/p/{slug}/{Segment}") : $"/{Segment}";

    public static readonly IReadOnlyList<NavEntry> All =
    [
        new("Trends", "trends", AppIcons.Trends, null),
        new("Signals", "signals", AppIcons.Signals, null),
        new("Sampling", "sampling", AppIcons.Sampling, Features.Sampling.SamplingPermissions.Readers),
        new("Review", "review", AppIcons.Review, Domain.Roles.Reviewers),
        new("Bench", "bench", AppIcons.Bench, Features.Bench.BenchPermissions.Readers),
        new("Rubrics", "rubrics", AppIcons.Rubrics, Features.Rubrics.RubricPermissions.Readers),
        new("Reports", "reports", AppIcons.Reports, Domain.Roles.ReportReaders),
        new("Import", "import", AppIcons.Import, Domain.Roles.Leads),
        new("Settings", "settings", AppIcons.Settings, Domain.Roles.Leads),
        new("Audit log", "audit-log", AppIcons.AuditLog, Features.Audit.Events.AuditLogPermissions.Readers, PerProject: false),
        new("Admin", "admin", AppIcons.Admin, Domain.Roles.Admin, PerProject: false),
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
