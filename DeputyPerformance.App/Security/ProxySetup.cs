using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DeputyPerformance.App.Security;

/// <summary>Whether cookies the app writes itself (the language cookie) are Secure: always outside Development.</summary>
public sealed record AppCookieSecurity(CookieSecurePolicy Policy)
{
    public bool SecureFor(HttpRequest request) => Policy == CookieSecurePolicy.Always || request.IsHttps;
}

public static class ProxySetup
{
    /// <summary>
    /// X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies listed in configuration
    /// (ForwardedHeaders:KnownProxies, addresses, and ForwardedHeaders:KnownNetworks, CIDR ranges such as 10.0.0.0/8).
    /// With none listed, no forwarded header is believed, not even from loopback. X-Forwarded-Host is never used.
    /// </summary>
    public static IServiceCollection AddForwardedHeadersFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }

            // One proxy in front: the right-most forwarded address is the client as that proxy saw it.
            o.ForwardLimit = 1;
        });
        return services;
    }
}
