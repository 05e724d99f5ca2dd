using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using BenchDashboard.Infrastructure;
using Microsoft.Extensions.Options;

namespace BenchDashboard.Features.ApiKeys;

/// <summary>
/// Each API key gets its own fixed one-minute window of <see cref="ApiOptions.RequestsPerMinute"/> requests; beyond
/// it the API answers 429 with Retry-After (API.md). Browser sessions are not limited: people do not script the UI.
/// </summary>
public static class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (http.User.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName)
            {
                return RateLimitPartition.GetNoLimiter("");
            }
            var key = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            var permits = PermitsPerMinute(http);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
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
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"This API key may make {PermitsPerMinute(http)} requests a minute; retry after {seconds} s.").ExecuteAsync(http);
        };
    });

    private static int PermitsPerMinute(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptionsMonitor<BenchDashboardOptions>>().CurrentValue.Api.RequestsPerMinute;
}
