using BenchDashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BenchDashboard.Data.Configurations;

internal sealed class RubricReviewConfiguration : IEntityTypeConfiguration<RubricReview>
{
    public void Configure(EntityTypeBuilder<RubricReview> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<RubricVersion>().WithMany().HasForeignKey(r => r.FromRubricVersionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<RubricVersion>().WithMany().HasForeignKey(r => r.ToRubricVersionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.ProjectId, r.Quarter });
        e.Property(r => r.Quarter).HasMaxLength(8);
    }
}

internal sealed class UpgradeAuditConfiguration : IEntityTypeConfiguration<UpgradeAudit>
{
    public void Configure(EntityTypeBuilder<UpgradeAudit> e)
    {
        e.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<BenchRun>().WithMany().HasForeignKey(a => a.BaseRunId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<BenchRun>().WithMany().HasForeignKey(a => a.HeadRunId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.ProjectId, a.CreatedAt });
    }
}
