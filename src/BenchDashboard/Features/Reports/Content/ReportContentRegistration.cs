using BenchDashboard.Features.Signals;

namespace BenchDashboard.Features.Reports.Content;

/// <summary>The report's data: the builder and its section builders, each a singleton over the feature services.</summary>
public static class ReportContentRegistration
{
    public static IServiceCollection AddAuditReportContent(this IServiceCollection services)
    {
        services.AddSingleton<SignalTriageHistory>();
        services.AddSingleton<ReportScopeQuery>();
        services.AddSingleton<ReportMethodBuilder>();
        services.AddSingleton<ReportResultsBuilder>();
        services.AddSingleton<ReportEpisodesQuery>();
        services.AddSingleton<ReportRoundsBuilder>();
        services.AddSingleton<ReportRubricReviewsBuilder>();
        services.AddSingleton<ReportUpgradeAuditsBuilder>();
        services.AddSingleton<ReportPracticesQuery>();
        services.AddSingleton<ReportIntegrityBuilder>();
        services.AddSingleton<AuditReportBuilder>();
        return services;
    }
}
