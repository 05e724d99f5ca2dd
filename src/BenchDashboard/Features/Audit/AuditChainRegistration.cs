using BenchDashboard.Infrastructure;
using Microsoft.Extensions.Options;

namespace BenchDashboard.Features.Audit;

/// <summary>Registers the audit chain: its keys, the log, the start-up check and on-demand verification.</summary>
public static class AuditChainRegistration
{
    public static IServiceCollection AddAuditChain(this IServiceCollection services)
    {
        services.AddSingleton(sp => AuditKeyring.FromOptions(
            sp.GetRequiredService<IOptions<BenchDashboardOptions>>().Value.Audit, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditChainStatus>();
        services.AddSingleton<AuditChainVerifier>();
        services.AddHostedService<AuditChainStartupCheck>();
        return services;
    }

    /// <summary>
    /// What is wrong with the audit key settings, read before the app is built so that Program can stop with the
    /// message alone: a missing key in Production is an operator's setting to fix, not a crash with a stack trace.
    /// </summary>
    public static string? AuditKeyProblem(this WebApplicationBuilder builder) => AuditKeyring.Problem(
        builder.Configuration.GetSection($"{BenchDashboardOptions.Section}:Audit").Get<AuditOptions>() ?? new AuditOptions(),
        builder.Environment);
}
