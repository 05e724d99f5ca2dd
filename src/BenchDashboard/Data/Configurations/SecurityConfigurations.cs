using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BenchDashboard.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.HasOne(k => k.Project).WithMany().HasForeignKey(k => k.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(k => k.KeyHash).IsUnique();
        e.Property(k => k.Name).HasMaxLength(200);
        e.Property(k => k.Prefix).HasMaxLength(16);
        e.Property(k => k.KeyHash).HasMaxLength(64);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        // The log assigns ids itself: the sequence number is part of each row's hash.
        e.Property(a => a.Id).ValueGeneratedNever();
        e.HasIndex(a => a.At);
        e.Property(a => a.Actor).HasMaxLength(256);
        e.Property(a => a.Action).HasMaxLength(64);
        e.Property(a => a.Subject).HasMaxLength(512);
        e.Property(a => a.PrevHash).HasMaxLength(64);
        e.Property(a => a.Hash).HasMaxLength(64);
        e.Property(a => a.KeyId).HasMaxLength(32);
    }
}

internal sealed class IssuedReportConfiguration : IEntityTypeConfiguration<IssuedReport>
{
    public void Configure(EntityTypeBuilder<IssuedReport> e)
    {
        // Never "Reports": old databases may still hold a retired table of that name (ScriptReleaseAdoption).
        e.ToTable("IssuedReports");
        // Restrict: an issued report is evidence; deleting its project must not silently take the archive with it.
        e.HasOne(r => r.Project).WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => r.ReportId).IsUnique();
        e.HasIndex(r => r.Sha256);
        e.HasIndex(r => new { r.ProjectId, r.CreatedAt });
        e.Property(r => r.ReportId).HasMaxLength(IssuedReport.ReportIdLength);
        e.Property(r => r.CreatedBy).HasMaxLength(256);
        e.Property(r => r.Sha256).HasMaxLength(64);
    }
}
