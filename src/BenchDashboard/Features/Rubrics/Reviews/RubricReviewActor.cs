using System.Security.Claims;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Rubrics.Reviews;

/// <summary>Who acts on a rubric review: the name the review and the audit log record, and whether they are a Lead or an
/// Admin (who start, approve and abandon reviews). The service decides with it, so the rules hold whatever page calls.</summary>
public sealed record RubricReviewActor(string Name, bool IsLead)
{
    public static RubricReviewActor From(ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? "unknown", RubricReviewPermissions.CanAct(user));

    /// <summary>Names are sign-in e-mails: the same person whatever the case of the letters.</summary>
    public bool Is(string? name) => name is not null && string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);
}
