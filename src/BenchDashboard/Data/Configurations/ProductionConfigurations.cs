using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BenchDashboard.Data.Configurations;

internal sealed class ProductionTraceConfiguration : IEntityTypeConfiguration<ProductionTrace>
{
    public void Configure(EntityTypeBuilder<ProductionTrace> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PipelineVersion>().WithMany().HasForeignKey(t => t.PipelineVersionId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(t => new { t.ProjectId, t.TraceId }).IsUnique();
        // Sampling windows and input-drift statistics read traces by project and time.
        e.HasIndex(t => new { t.ProjectId, t.Timestamp });
        e.Property(t => t.TraceId).HasMaxLength(256);
        e.Property(t => t.Category).HasMaxLength(128);
    }
}

internal sealed class FeedbackEventConfiguration : IEntityTypeConfiguration<FeedbackEvent>
{
    public void Configure(EntityTypeBuilder<FeedbackEvent> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => new { f.ProjectId, f.EventId }).IsUnique();
        // No index by time: trends read DailyRollups, and every extra index slows ingestion.
        e.HasIndex(f => new { f.ProjectId, f.TraceId });
        e.Property(f => f.EventId).HasMaxLength(256);
        e.Property(f => f.TraceId).HasMaxLength(256);
    }
}

internal sealed class DailyMetricConfiguration : IEntityTypeConfiguration<DailyMetric>
{
    public void Configure(EntityTypeBuilder<DailyMetric> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => new { m.ProjectId, m.Metric, m.Date }).IsUnique();
        e.Property(m => m.Metric).HasMaxLength(32);
    }
}

internal sealed class DailyRollupConfiguration : IEntityTypeConfiguration<DailyRollup>
{
    public void Configure(EntityTypeBuilder<DailyRollup> e)
    {
        e.HasKey(r => new { r.ProjectId, r.Date, r.Category });
        e.Property(r => r.Category).HasMaxLength(128);
        e.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // Added to existing tables by ALTER TABLE (20261205020000_HonestRates), which needs a default for NOT NULL.
        e.Property(r => r.RewrittenTraces).HasDefaultValue(0L);
        e.Property(r => r.RetriedTraces).HasDefaultValue(0L);
        e.Property(r => r.UndoneTraces).HasDefaultValue(0L);
        e.Property(r => r.FormatErrorTraces).HasDefaultValue(0L);
        e.Property(r => r.UnknownTraceFeedback).HasDefaultValue(0L);
    }
}

internal sealed class DailyInputLengthConfiguration : IEntityTypeConfiguration<DailyInputLength>
{
    public void Configure(EntityTypeBuilder<DailyInputLength> e)
    {
        // Input drift reads a project's days in order and adds up bins; the key serves that read.
        e.HasKey(l => new { l.ProjectId, l.Date, l.Category, l.MinLength });
        e.Property(l => l.Category).HasMaxLength(128);
        e.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
