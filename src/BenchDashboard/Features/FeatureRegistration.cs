using BenchDashboard.Data;
using BenchDashboard.Features.Account;
using BenchDashboard.Features.ApiKeys;
using BenchDashboard.Features.Audit;
using BenchDashboard.Features.Bench;
using BenchDashboard.Features.Bench.Export;
using BenchDashboard.Features.Circuits;
using BenchDashboard.Features.Demo;
using BenchDashboard.Features.Ingestion;
using BenchDashboard.Features.Projects;
using BenchDashboard.Features.Review;
using BenchDashboard.Features.Rubrics.Api;
using BenchDashboard.Features.Sampling;
using BenchDashboard.Features.Signals;
using BenchDashboard.Features.Trends;
using BenchDashboard.Features.UpgradeAudits;
using BenchDashboard.Infrastructure.Api;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using BenchDashboard.Components.Layout;
using BenchDashboard.Components.Ui;
using BenchDashboard.Infrastructure;
using MudBlazor.Services;

namespace BenchDashboard.Features;

/// <summary>Registers and maps every feature slice; Program.cs stays a table of contents.</summary>
public static class FeatureRegistration
{
    public static WebApplicationBuilder AddFeatures(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = LiveConnectionLimits.MaxReceiveBytes);
        services.AddCircuitLimits(builder.Configuration);
        services.AddMudServices();
        services.AddScoped<Confirmations>();
        services.AddScoped<BrowserCookies>();
        services.AddScoped<CurrentActor>();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddApiRateLimiting();
        // API.md: bodies up to 32 MiB. Kestrel's default (30 MB) is just below, so it is set to the same figure.
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = RequestBody.MaxBytes);

        services.AddAuditChain();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton<ProjectService>();
        services.AddSingleton<TrendsService>();
        services.AddSingleton<RubricStepQuery>();
        services.AddSingleton<Admin.UserAdminService>();
        services.AddSingleton<Admin.ProjectDataDeletion>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<BenchRunImporter>();
        services.AddSingleton<VersionService>();
        services.AddSingleton<BenchRunsService>();
        services.AddSingleton<Bench.Cases.BenchCaseQueries>();
        services.AddSingleton<Bench.Cases.BenchCaseRetirement>();
        services.AddSingleton<Bench.Runs.BenchRunQueries>();
        services.AddSingleton<BenchCaseExport>();
        services.AddSingleton<Rubrics.RubricQueries>();
        services.AddSingleton<UpgradeAudits.Evidence.ProductionEvidence>();
        services.AddSingleton<UpgradeAudits.Evidence.BlindSpotFinder>();
        services.AddScoped<ImportWorkflow>();
        services.AddSingleton<SignalDataLoader>();
        services.AddSingleton<SignalsService>();
        services.AddSingleton<SignalSettingsService>();
        services.AddSingleton<SignalAlerting>();
        services.AddSingleton<SignalBoard>();
        services.AddSingleton<SignalTriageService>();
        services.AddHostedService<SignalAlertingWorker>();
        services.AddSingleton<SamplingService>();
        services.AddSingleton<RoundService>();
        services.AddSingleton<FailureCategoryService>();
        services.AddSingleton<SimilarCasesCache>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<RoundExporter>();
        services.AddSingleton<UpgradeAuditService>();
        services.AddSingleton<RubricVersionImporter>();
        services.AddSingleton<RubricApiReader>();
        services.AddSingleton<Rubrics.Reviews.RubricReviewService>();
        services.AddSingleton<Rubrics.Export.RubricExport>();
        Reports.Content.ReportContentRegistration.AddAuditReportContent(services);
        services.AddSingleton<Audit.Events.AuditLogQueries>();
        services.AddSingleton<Reports.Pdf.AuditReportPdf>();
        services.AddSingleton<Reports.Archive.ReportArchive>();
        // Webhook receivers are outside systems: a slow one must not hold a delivery round for long.
        services.AddHttpClient(SignalAlerting.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
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
        api.MapAuditChainApi();
        Reports.Api.ReportsApi.MapReportVerifyApi(api);
        Audit.Events.AuditLogApi.MapAuditLogApi(api);
        var project = api.MapProjectScope();
        foreach (var status in new[] { 401, 403, 404, 429 }) project.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        var ingest = project.MapGroup("").RequireAuthorization(ApiAccess.Ingest);
        ingest.MapIngestionApi();
        ingest.MapSamplingCreateApi();
        ingest.MapUpgradeAuditCreateApi();
        ingest.MapRubricImportApi();
        var read = project.MapGroup("").RequireAuthorization(ApiAccess.Read);
        read.MapTrendsApi();
        read.MapSignalsApi();
        read.MapBenchRunsApi();
        read.MapBenchCasesApi();
        read.MapSamplingReadApi();
        read.MapUpgradeAuditReadApi();
        read.MapRubricReadApi();
        Reports.Api.ReportsApi.MapReportsApi(project.MapGroup("").RequireAuthorization(ApiAccess.Report));
        Admin.DataDeletionApi.MapDataDeletionApi(project.MapGroup("").RequireAuthorization(ApiAccess.Admin));
        app.MapRoundExports();
        app.MapBenchExportDownloads();
        Reports.ReportDownloads.MapReportDownloads(app);
        Rubrics.Export.RubricExportDownloads.MapRubricExportDownloads(app);
        Audit.Events.AuditLogDownloads.MapAuditLogDownloads(app);

        app.MapAccountEndpoints();
        return app;
    }
}
