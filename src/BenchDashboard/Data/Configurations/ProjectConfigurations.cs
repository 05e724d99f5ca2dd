using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BenchDashboard.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> e)
    {
        e.HasIndex(p => p.Slug).IsUnique();
        e.Property(p => p.Slug).HasMaxLength(64);
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.Description).HasMaxLength(4000);
        e.Property(p => p.WebhookUrl).HasMaxLength(2000);
        // Raised with SQL only (ProjectDataVersion), so a project saved from a stale copy cannot move it back.
        e.Property(p => p.DataVersion).HasDefaultValue(0L).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}

internal sealed class PipelineVersionConfiguration : IEntityTypeConfiguration<PipelineVersion>
{
    public void Configure(EntityTypeBuilder<PipelineVersion> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(v => v.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.ProjectId, v.Version }).IsUnique();
        e.HasIndex(v => new { v.ProjectId, v.DeployedAt });
        e.Property(v => v.Version).HasMaxLength(128);
    }
}

internal sealed class SignalStateConfiguration : IEntityTypeConfiguration<SignalState>
{
    public void Configure(EntityTypeBuilder<SignalState> e)
    {
        e.HasKey(s => new { s.ProjectId, s.Kind, s.Metric });
        e.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.Property(s => s.Kind).HasMaxLength(32);
        e.Property(s => s.Metric).HasMaxLength(32);
        e.Property(s => s.Severity).HasMaxLength(16);
    }
}

internal sealed class SignalTriageConfiguration : IEntityTypeConfiguration<SignalTriage>
{
    public void Configure(EntityTypeBuilder<SignalTriage> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.ProjectId, t.Kind, t.Subject, t.Since }).IsUnique();
        e.Property(t => t.Kind).HasMaxLength(32);
        e.Property(t => t.Subject).HasMaxLength(32);
        e.Property(t => t.Note).HasMaxLength(Features.Signals.SignalTriageLimits.Note);
        e.Property(t => t.ActedBy).HasMaxLength(256);
    }
}

internal sealed class SignalRebaselineConfiguration : IEntityTypeConfiguration<SignalRebaseline>
{
    public void Configure(EntityTypeBuilder<SignalRebaseline> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.ProjectId, r.Metric, r.Day }).IsUnique();
        e.Property(r => r.Metric).HasMaxLength(32);
        e.Property(r => r.Reason).HasMaxLength(Features.Signals.SignalTriageLimits.Note);
        e.Property(r => r.ActedBy).HasMaxLength(256);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // The sender looks for due deliveries; the settings page lists a project's latest.
        e.HasIndex(d => new { d.Status, d.NextAttemptAt });
        e.HasIndex(d => new { d.ProjectId, d.CreatedAt });
        e.Property(d => d.Event).HasMaxLength(32);
        e.Property(d => d.Url).HasMaxLength(2000);
        e.Property(d => d.LastError).HasMaxLength(1000);
    }
}
