using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace BenchDashboard.Infrastructure;

/// <summary>
/// Behind a TLS-terminating proxy the app sees plain HTTP from the proxy's address. Honouring <c>X-Forwarded-Proto</c>
/// and <c>X-Forwarded-For</c> from the configured proxies (and nobody else) makes the request HTTPS again, so the sign-in
/// and antiforgery cookies are marked Secure, HSTS is sent, and per-client limits (the sign-in throttle) see the
/// client's address instead of the proxy's. The framework's default trust of loopback is dropped: a proxy must be named.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<BenchDashboardOptions>>((o, app) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in app.Value.Proxy.ProxyAddresses()) o.KnownProxies.Add(address);
            foreach (var network in app.Value.Proxy.ProxyNetworks()) o.KnownIPNetworks.Add(network);
            // One proxy hop: the right-most forwarded address is the one our proxy saw.
            o.ForwardLimit = 1;
        });
        return builder;
    }
}
