using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using BenchDashboard.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BenchDashboard.Features.ApiKeys;

/// <summary>
/// Each API key gets its own fixed one-minute window of <see cref="ApiOptions.RequestsPerMinute"/> requests; beyond it
/// the API answers 429 with Retry-After (API.md). A signed-in browser session calling the API with its cookie gets a
/// window of its own, per user, of <see cref="ApiOptions.SessionRequestsPerMinute"/> requests on the
/// <see cref="ExpensiveEndpoints"/> (a script in a tab must not be a way around the keys' limit); its other requests,
/// and the pages, are not limited.
/// </summary>
public static class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var caller = Caller(http);
            if (caller is null) return RateLimitPartition.GetNoLimiter("");
            var permits = PermitsPerMinute(http, caller.Value.Kind);
            return RateLimitPartition.GetFixedWindowLimiter($"{caller.Value.Kind}:{caller.Value.Id}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        o.OnRejected = async (context, ct) =>
        {
            var http = context.HttpContext;
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                : 60;
            var kind = Caller(http)?.Kind ?? CallerKind.Key;
            var who = kind == CallerKind.Key ? "This API key may make" : "A signed-in user may make";
            var what = kind == CallerKind.Key ? "requests" : "requests to this endpoint (and the other computed ones)";
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"{who} {PermitsPerMinute(http, kind)} {what} a minute; retry after {seconds} s.").ExecuteAsync(http);
        };
    });

    private enum CallerKind { Key, Session }

    /// <summary>Who a request counts against, or null when it is not limited (anonymous, pages, a session's cheap calls).</summary>
    private static (CallerKind Kind, string Id)? Caller(HttpContext http)
    {
        var type = http.User.Identity?.AuthenticationType;
        var id = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return null;
        if (type == ApiKeyAuthenticationHandler.SchemeName) return (CallerKind.Key, id);
        if (type == IdentityConstants.ApplicationScheme && ExpensiveEndpoints.Contains(http)) return (CallerKind.Session, id);
        return null;
    }

    private static int PermitsPerMinute(HttpContext http, CallerKind kind)
    {
        var api = http.RequestServices.GetRequiredService<IOptionsMonitor<BenchDashboardOptions>>().CurrentValue.Api;
        return kind == CallerKind.Key ? api.RequestsPerMinute : api.SessionRequestsPerMinute;
    }
}
