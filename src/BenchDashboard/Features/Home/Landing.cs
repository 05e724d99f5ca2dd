using System.Security.Claims;
using BenchDashboard.Domain;
using BenchDashboard.Features.Projects;

namespace BenchDashboard.Features.Home;

/// <summary>
/// Where "/" takes a signed-in user: the project they had open last (else the first by name), on the screen their role
/// works in: reviewers label traces (Review), auditors read reports (Reports), leads and admins watch Trends.
/// </summary>
public static class Landing
{
    public static ProjectSummary? ChooseProject(IReadOnlyList<ProjectSummary> projects, string? lastSlug) =>
        projects.FirstOrDefault(p => p.Slug == lastSlug) ?? projects.FirstOrDefault();

    public static string ScreenFor(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Lead) ? "trends"
        : user.IsInRole(Roles.Reviewer) ? "review"
        : user.IsInRole(Roles.Auditor) ? "reports"
        : "trends";

    public static string PathFor(ClaimsPrincipal user, ProjectSummary project) =>
        $"/p/{Uri.EscapeDataString(project.Slug)}/{ScreenFor(user)}";
}
