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
