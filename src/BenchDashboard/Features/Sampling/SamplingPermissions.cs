using System.Security.Claims;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.Sampling;

/// <summary>
/// Who sees sampling rounds and who runs them. Leads (and Admins) start, settle, accept drafts and close rounds; Auditors
/// read the closed rounds and download their exports, which are the evidence of the outcomes analysis. An open round is
/// work in progress (labels still change, disagreements are unsettled), so auditors see that it exists and how far it
/// has got, and its page and exports once it is closed (decision 0037). Reviewers label traces on the Review page only.
/// </summary>
public static class SamplingPermissions
{
    /// <summary>For the pages' <c>[Authorize(Roles = …)]</c>, the export route and the navigation.</summary>
    public const string Readers = Roles.ReportReaders;

    public static bool CanRun(ClaimsPrincipal user) => user.IsInRole(Roles.Lead) || user.IsInRole(Roles.Admin);

    /// <summary>Whether <paramref name="user"/> may open a round in <paramref name="status"/> (its page and its exports).</summary>
    public static bool CanOpen(ClaimsPrincipal user, SamplingRoundStatus status) => status == SamplingRoundStatus.Closed || CanRun(user);
}
