using BenchDashboard.Infrastructure.Api;
using Microsoft.AspNetCore.Authorization;

namespace BenchDashboard.Features.Audit.Events;

/// <summary>
/// The audit-log page's CSV download for signed-in auditors and admins (pages take the sign-in cookie only, as the Bench
/// page's exports do): the events the page's filter matches, oldest first, streamed. A GET that only reads needs no
/// antiforgery token; a browser session is rate limited on it (<see cref="ApiKeys.ExpensiveEndpoints"/>).
/// </summary>
public static class AuditLogDownloads
{
    public const string PathTemplate = "/audit-log/export.csv";

    public static string Href(AuditLogFilter filter) => PathTemplate + filter.FilterQueryString();

    public static void MapAuditLogDownloads(this WebApplication app)
    {
        app.MapGet(PathTemplate, (string? actor, string? action, string? from, string? to, HttpContext http, AuditLogQueries queries, TimeProvider clock) =>
            {
                var (filter, problems) = AuditLogFilter.Parse(actor, action, from, to);
                if (problems.Count > 0)
                {
                    var errors = new ValidationErrors();
                    foreach (var problem in problems) errors.Add("filter", problem);
                    return ApiJson.Invalid(errors);
                }
                var name = $"audit-log-{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}.csv";
                return Results.Stream(body => AuditLogCsv.WriteAsync(body, queries.StreamAsync(filter, http.RequestAborted), http.RequestAborted), "text/csv; charset=utf-8", name);
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = AuditLogPermissions.Readers })
            .ExcludeFromDescription();
    }
}
