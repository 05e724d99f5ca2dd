using System.Security.Cryptography;

namespace BenchDashboard.Infrastructure;

/// <summary>
/// Response headers every answer carries (pages, API, files). The Content-Security-Policy allows what Blazor Server,
/// MudBlazor and Plotly need and nothing more:
/// <list type="bullet">
/// <item>scripts from this origin only, plus the one inline script Blazor renders (its import map), which carries this
/// request's nonce, so an injected script never runs;</item>
/// <item>styles from this origin and inline styles: MudBlazor and Plotly position and colour elements with style
/// attributes and a generated stylesheet (a style can restyle a page, not run code);</item>
/// <item>connections (the page's WebSocket) and images to this origin only (Plotly's PNG export uses data: and blob:
/// URLs); no framing, no plugins, no foreign base URL, forms post only here.</item>
/// </list>
/// </summary>
public static class SecurityHeaders
{
    private const string NonceItem = "BenchDashboard.CspNonce";

    public static IReadOnlyDictionary<string, string> Fixed { get; } = new Dictionary<string, string>
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Referrer-Policy"] = "same-origin",
        ["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    };

    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>This request's script nonce, for the one inline script a page renders (App.razor's import map).</summary>
    public static string Nonce(HttpContext context) => context.Items[NonceItem] as string ?? "";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceItem] = nonce;
            context.Response.OnStarting(() =>
            {
                foreach (var (name, value) in Fixed) context.Response.Headers[name] = value;
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
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
