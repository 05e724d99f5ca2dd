using System.Globalization;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Audit.Events;

/// <summary>
/// <c>GET /api/v1/audit-log</c>, an addition to API.md's "Audit log" (scope report or admin; in the browser, Auditors and
/// Admins): the events the page shows, with the same filter, a page of <see cref="AuditLogFilter.PageSize"/> at a time.
/// Paging is by sequence number (<c>before=</c> the answer's <c>olderThan</c>), not by page number, so a client walking
/// back through a growing log never sees an event twice or misses one.
/// </summary>
public static class AuditLogApi
{
    public sealed record EventDto(long Sequence, string At, string Actor, string Action, string? Subject, string? Payload, string Hash);

    public sealed record PageDto(IReadOnlyList<EventDto> Events, long? OlderThan);

    public static RouteGroupBuilder MapAuditLogApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-log", ListAsync)
            .RequireAuthorization(ApiAccess.AuditChain)
            .Produces<PageDto>(200).ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429)
            .WithName("ListAuditLog")
            .WithSummary("Audit events, newest first, 50 at a time: actor (part of the name, any case), action (exact), from and to " +
                         "(YYYY-MM-DD, whole UTC days, both included). For the next older page pass before=olderThan; olderThan is null " +
                         "on the last page. payload is the event's JSON as stored, as a string.");
        return api;
    }

    private static async Task<IResult> ListAsync(string? actor, string? action, string? from, string? to, string? before,
        AuditLogQueries queries, CancellationToken ct)
    {
        var (filter, problems) = AuditLogFilter.Parse(actor, action, from, to, before);
        if (before is not null && filter.Before is null) problems = [.. problems, "before must be a sequence number from 1"];
        if (problems.Count > 0)
        {
            var errors = new ValidationErrors();
            foreach (var problem in problems) errors.Add("query", problem);
            return ApiJson.Invalid(errors);
        }
        var page = await queries.PageAsync(filter, ct);
        return Results.Ok(new PageDto(page.Rows.Select(r => new EventDto(r.Sequence,
            DateTime.SpecifyKind(r.At, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            r.Actor, r.Action, r.Subject, r.Payload, r.Hash)).ToList(), page.OlderThan));
    }
}
