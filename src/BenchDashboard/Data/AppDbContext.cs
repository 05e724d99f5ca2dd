using BenchDashboard.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BenchDashboard.Data;

/// <summary>The one DbContext: Identity plus the BenchDashboard domain. Components use it through
/// <see cref="IDbContextFactory{TContext}"/>, one short-lived context per operation. The model is the same on every
/// provider; SQLite's migrations belong to this type, PostgreSQL's to <see cref="Postgres.PostgresAppDbContext"/>.</summary>
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<PipelineVersion> PipelineVersions => Set<PipelineVersion>();
    public DbSet<BenchCase> BenchCases => Set<BenchCase>();
    public DbSet<BenchRun> BenchRuns => Set<BenchRun>();
    public DbSet<BenchResult> BenchResults => Set<BenchResult>();
    public DbSet<RubricVersion> RubricVersions => Set<RubricVersion>();
    public DbSet<RubricItem> RubricItems => Set<RubricItem>();
    public DbSet<ProductionTrace> ProductionTraces => Set<ProductionTrace>();
    public DbSet<FeedbackEvent> FeedbackEvents => Set<FeedbackEvent>();
    public DbSet<DailyMetric> DailyMetrics => Set<DailyMetric>();
    public DbSet<DailyRollup> DailyRollups => Set<DailyRollup>();
    public DbSet<DailyInputLength> DailyInputLengths => Set<DailyInputLength>();
    public DbSet<SignalState> SignalStates => Set<SignalState>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<SignalTriage> SignalTriages => Set<SignalTriage>();
    public DbSet<SignalRebaseline> SignalRebaselines => Set<SignalRebaseline>();
    public DbSet<SamplingRound> SamplingRounds => Set<SamplingRound>();
    public DbSet<SampledTrace> SampledTraces => Set<SampledTrace>();
    public DbSet<TraceReview> TraceReviews => Set<TraceReview>();
    public DbSet<FailureCategory> FailureCategories => Set<FailureCategory>();
    public DbSet<RubricReview> RubricReviews => Set<RubricReview>();
    public DbSet<RubricItemDecision> RubricItemDecisions => Set<RubricItemDecision>();
    public DbSet<UpgradeAudit> UpgradeAudits => Set<UpgradeAudit>();
    public DbSet<UpgradeCaseDecision> UpgradeCaseDecisions => Set<UpgradeCaseDecision>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<IssuedReport> IssuedReports => Set<IssuedReport>();
    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every instance (decision 0025).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Here rather than in AddData so every context has it, also the ones tests and tools build from their own options.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(DataVersionInterceptor.Instance);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC. SQLite keeps it as sortable ISO text; reading it back restores Kind=Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();

        // Enums as their names: readable in the database file and stable if members are reordered.
        configurationBuilder.Properties<BenchCaseStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<BenchCaseSource>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<FeedbackKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SamplingStrategy>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<SamplingRoundStatus>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<ReviewVerdict>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<BenchWouldCatch>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DraftCaseStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ApiScopes>().HaveConversion<string>().HaveMaxLength(64);
        configurationBuilder.Properties<WebhookStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SignalTriageStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<UpgradeCaseChange>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<UpgradeCaseVerdict>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RubricVersionStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RubricReviewStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RubricItemVerdict>().HaveConversion<string>().HaveMaxLength(16);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
