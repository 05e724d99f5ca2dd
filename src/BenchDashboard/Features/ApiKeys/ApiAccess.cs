using System.Security.Claims;
using BenchDashboard.Domain;

namespace BenchDashboard.Features.ApiKeys;

/// <summary>
/// Authorization policies of the REST API. A key needs the scope; a signed-in browser user needs a role that
/// the scope maps to (API.md: "Signed-in browser users may call the read and report endpoints with their cookie").
/// </summary>
public static class ApiAccess
{
    public const string Read = "api.read";
    public const string Ingest = "api.ingest";
    public const string Report = "api.report";
    public const string Admin = "api.admin";
    /// <summary>Checking the audit chain (API.md: scope report or admin); in the browser, admins and auditors.</summary>
    public const string AuditChain = "api.audit_chain";

    public static void AddApiPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.RequireAssertion(c => Allows(c.User, "read", Roles.All.ToArray())));
        options.AddPolicy(Report, p => p.RequireAssertion(c => Allows(c.User, "report", [Roles.Admin, Roles.Lead, Roles.Auditor])));
        // Writes come from machines: keys only.
        options.AddPolicy(Ingest, p => p.RequireAssertion(c => Allows(c.User, "ingest", [])));
        options.AddPolicy(Admin, p => p.RequireAssertion(c => Allows(c.User, "admin", [])));
        options.AddPolicy(AuditChain, p => p.RequireAssertion(c =>
            Allows(c.User, "report", [.. Audit.Events.AuditLogPermissions.ReaderRoles]) || Allows(c.User, "admin", [])));
    }

    private static bool Allows(ClaimsPrincipal user, string scope, string[] roles)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (user.Identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName)
        {
            return user.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope);
        }
        return roles.Any(user.IsInRole);
    }

    /// <summary>False when the caller is a key limited to another project.</summary>
    public static bool CanAccessProject(this ClaimsPrincipal user, string slug)
    {
        var limit = user.FindFirst(ApiKeyAuthenticationHandler.ProjectClaim)?.Value;
        return limit is null || string.Equals(limit, slug, StringComparison.Ordinal);
    }
}
