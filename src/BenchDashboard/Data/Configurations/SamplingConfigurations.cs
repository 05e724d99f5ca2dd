using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BenchDashboard.Data.Configurations;

internal sealed class SamplingRoundConfiguration : IEntityTypeConfiguration<SamplingRound>
{
    public void Configure(EntityTypeBuilder<SamplingRound> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(r => r.Traces).WithOne().HasForeignKey(t => t.SamplingRoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.ProjectId, r.Period });
        e.HasIndex(r => new { r.ProjectId, r.ClosedAt });
        e.Property(r => r.Period).HasMaxLength(16);
        e.Property(r => r.MinPerCategory).HasDefaultValue(2);
        e.Property(r => r.HealthyShare).HasDefaultValue(0.3);
        e.Property(r => r.DoubleReviewFraction).HasDefaultValue(0.15);
    }
}

internal sealed class SampledTraceConfiguration : IEntityTypeConfiguration<SampledTrace>
{
    public void Configure(EntityTypeBuilder<SampledTrace> e)
    {
        // Restrict: a trace that was sampled is evidence; it cannot silently disappear under a round.
        e.HasOne(t => t.ProductionTrace).WithMany().HasForeignKey(t => t.ProductionTraceId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(t => t.Reviews).WithOne().HasForeignKey(r => r.SampledTraceId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.SamplingRoundId, t.ProductionTraceId }).IsUnique();
        e.HasIndex(t => new { t.SamplingRoundId, t.Position });
    }
}

internal sealed class TraceReviewConfiguration : IEntityTypeConfiguration<TraceReview>
{
    public void Configure(EntityTypeBuilder<TraceReview> e)
    {
        e.HasOne<BenchCase>().WithMany().HasForeignKey(r => r.MatchedBenchCaseId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<BenchCase>().WithMany().HasForeignKey(r => r.AcceptedBenchCaseId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(r => new { r.SampledTraceId, r.ReviewerId }).IsUnique();
        e.Property(r => r.FailureCategory).HasMaxLength(128);
        e.Property(r => r.Revision).IsConcurrencyToken();
        e.Ignore(r => r.IsComplete);
    }
}

internal sealed class FailureCategoryConfiguration : IEntityTypeConfiguration<FailureCategory>
{
    public void Configure(EntityTypeBuilder<FailureCategory> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.ProjectId, c.Name }).IsUnique();
        e.Property(c => c.Name).HasMaxLength(128);
    }
}
