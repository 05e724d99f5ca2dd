using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Infrastructure.Api;

namespace BenchDashboard.Features.Audit;

/// <summary>The audit-log part of the REST API (API.md, "Audit log").</summary>
public static class AuditChainApi
{
    /// <summary>The answer of GET /audit-log/verify; the <c>checked…</c> fields are additions to the contract.</summary>
    public sealed record VerifyDto(bool Ok, long Events, long? HeadSequence, string? HeadHash, string? Problem,
        long UnkeyedEvents, long? CheckedSequence, string? CheckedHash);

    public static RouteGroupBuilder MapAuditChainApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-log/verify", VerifyAsync)
            .RequireAuthorization(ApiAccess.AuditChain)
            .Produces<VerifyDto>(200).ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429)
            .WithName("VerifyAuditLog")
            .WithSummary("Walks the whole audit chain and says whether it is intact. With expectedSequence and expectedHash (a head " +
                         "recorded earlier, for example from an alert), it also says whether the chain still holds that row: deleting the " +
                         "newest rows is only visible that way. Each check is itself audited.");
        return api;
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, AuditChainVerifier verifier, string? expectedSequence, string? expectedHash,
        CancellationToken ct)
    {
        if (AuditHead.TryRead(expectedSequence, expectedHash, out var expected) is { } problem)
        {
            var errors = new ValidationErrors();
            errors.Add("expectedSequence, expectedHash", problem);
            return ApiJson.Invalid(errors);
        }
        var r = (await verifier.VerifyOnDemandAsync(http.User.Identity?.Name ?? "api", expected, ct)).Result;
        return Results.Ok(new VerifyDto(r.IsIntact, r.RowsVerified, r.Head?.Sequence, r.Head?.Hash, r.Problem, r.UnkeyedRows,
            r.CheckedHead?.Sequence, r.CheckedHead?.Hash));
    }
}
