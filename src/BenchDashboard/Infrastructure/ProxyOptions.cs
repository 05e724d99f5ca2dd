using System.ComponentModel.DataAnnotations;
using System.Net;

namespace BenchDashboard.Infrastructure;

/// <summary>
/// The TLS-terminating reverse proxies in front of the app (<c>BenchDashboard:Proxy</c>). Only requests that arrive from
/// one of these have their <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> honoured; anyone else could claim any
/// address or scheme. Empty (the default) means the app is reached directly and forwarded headers are ignored.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies live in, in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IEnumerable<IPAddress> ProxyAddresses() => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    public IEnumerable<IPNetwork> ProxyNetworks() => KnownNetworks.Select(n => IPNetwork.Parse(n.Trim()));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p.Trim(), out _)))
        {
            yield return new ValidationResult(
                $"BenchDashboard:Proxy:KnownProxies holds '{proxy}', which is not an IP address.", [nameof(KnownProxies)]);
        }
        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n.Trim(), out _)))
        {
            yield return new ValidationResult(
                $"BenchDashboard:Proxy:KnownNetworks holds '{network}', which is not a network in CIDR form (like 10.0.0.0/24).",
                [nameof(KnownNetworks)]);
        }
    }
}
