namespace BenchDashboard.Infrastructure;

/// <summary>
/// Response headers every answer carries (pages, API, files). The Content-Security-Policy holds only directives that
/// cannot break the app: no framing (clickjacking), no plugins, no foreign base URL, forms post only here. A script-src
/// policy is not set yet: Blazor renders its import map as an inline script, which needs a hash kept in step with the
/// framework (issue 12, finding 10, open part).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy,
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Referrer-Policy"] = "same-origin",
        ["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    };

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                foreach (var (name, value) in All) context.Response.Headers[name] = value;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>Kestrel names itself in a <c>Server</c> header unless told not to; it tells an attacker what to try.</summary>
    public static WebApplicationBuilder RemoveServerHeader(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        return builder;
    }
}
