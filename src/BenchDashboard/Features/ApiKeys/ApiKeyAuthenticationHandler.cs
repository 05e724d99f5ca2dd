using System.Security.Claims;
using System.Text.Encodings.Web;
using BenchDashboard.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BenchDashboard.Features.ApiKeys;

/// <summary>Authenticates <c>Authorization: Bearer &lt;api key&gt;</c>; unknown or revoked keys get 401 (API.md).</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    /// <summary>The project slug the key is limited to; absent for keys valid on all projects.</summary>
    public const string ProjectClaim = "project";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadBearer(Request, out var secret)) return AuthenticateResult.NoResult();
        var key = await keys.ResolveAsync(secret, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("Unknown or revoked API key.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, $"api-key:{key.Name}"),
            new(ClaimTypes.NameIdentifier, $"api-key:{key.Id}"),
        };
        foreach (var scope in Enum.GetValues<ApiScopes>().Where(s => s is not (ApiScopes.None or ApiScopes.All) && key.Scopes.HasFlag(s)))
        {
            claims.Add(new Claim(ScopeClaim, scope.ToString().ToLowerInvariant()));
        }
        if (key.Project is not null) claims.Add(new Claim(ProjectClaim, key.Project.Slug));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Authentication required",
            detail: "Send an API key as 'Authorization: Bearer <key>'.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden",
            detail: "This API key lacks the scope or project this request needs.").ExecuteAsync(Context);
    }

    public static bool TryReadBearer(HttpRequest request, out string secret)
    {
        secret = "";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        secret = header["Bearer ".Length..].Trim();
        return secret.Length > 0;
    }
}
