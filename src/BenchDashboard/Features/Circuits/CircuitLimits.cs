using BenchDashboard.Infrastructure;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BenchDashboard.Features.Circuits;

/// <summary>Registers the per-user circuit bound and how long Blazor keeps a circuit whose connection dropped (README, "Configuration").</summary>
public static class CircuitLimits
{
    public static IServiceCollection AddCircuitLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CircuitRegistry>();
        services.AddScoped<CircuitAdmission>();
        services.AddScoped<CircuitHandler, CircuitLimitHandler>();
        var limits = configuration.GetSection($"{BenchDashboardOptions.Section}:Circuits").Get<CircuitLimitOptions>() ?? new CircuitLimitOptions();
        // Blazor's defaults keep up to 100 dropped circuits for 3 minutes each: memory nobody uses, and places of the
        // per-user bound held by tabs that are gone. A tab whose network blinks reconnects well within a minute.
        services.Configure<CircuitOptions>(o =>
        {
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(limits.DisconnectedRetentionSeconds);
            o.DisconnectedCircuitMaxRetained = limits.DisconnectedMaxRetained;
        });
        return services;
    }
}
