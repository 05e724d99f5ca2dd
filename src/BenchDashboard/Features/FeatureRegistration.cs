using BenchDashboard.Data;
using BenchDashboard.Features.Account;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Demo;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Trends;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Radzen;

namespace BenchDashboard.Features;

/// <summary>Registers and maps every feature slice; Program.cs stays a table of contents.</summary>
public static class FeatureRegistration
{
    public const string ThemeCookie = "BenchDashboard.Theme";

    public static WebApplicationBuilder AddFeatures(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddRadzenCookieThemeService(o =>
        {
            o.Name = ThemeCookie;
            o.Duration = TimeSpan.FromDays(365);
        });
        services.AddProblemDetails();
        services.AddOpenApi();

        services.AddSingleton<AuditLog>();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton<ProjectService>();
        services.AddSingleton<TrendsService>();
        services.AddSingleton<Admin.UserAdminService>();
        return builder;
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            // No details for anonymous callers: only the status word.
            ResponseWriter = (ctx, report) => ctx.Response.WriteAsync(report.Status.ToString()),
        }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var api = app.MapGroup("/api/v1").WithTags("v1");
        api.MapProjectsApi();

        app.MapAccountEndpoints();
        return app;
    }
}
