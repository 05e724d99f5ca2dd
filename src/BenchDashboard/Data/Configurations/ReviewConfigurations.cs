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
        e.Property(r => r.CreatedBy).HasMaxLength(256);
        e.Property(r => r.SignedOffBy).HasMaxLength(256);
        e.Property(r => r.AbandonedBy).HasMaxLength(256);
        e.Property(r => r.AbandonReason).HasMaxLength(RubricReview.MaxReasonLength);
        e.HasMany(r => r.Decisions).WithOne().HasForeignKey(d => d.RubricReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RubricItemDecisionConfiguration : IEntityTypeConfiguration<RubricItemDecision>
{
    public void Configure(EntityTypeBuilder<RubricItemDecision> e)
    {
        // Not "RubricReviewDecisions": a retired table of that name may still exist in old databases.
        e.ToTable("RubricItemDecisions");
        e.HasIndex(d => new { d.RubricReviewId, d.ItemKey }).IsUnique();
        e.Property(d => d.ItemKey).HasMaxLength(RubricItem.MaxKeyLength);
        e.Property(d => d.Description).HasMaxLength(RubricItem.MaxDescriptionLength);
        e.Property(d => d.FailureCategory).HasMaxLength(128);
        e.Property(d => d.Rationale).HasMaxLength(RubricItemDecision.MaxRationale);
        e.Property(d => d.DecidedBy).HasMaxLength(256);
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
        // The same pair again is the same audit (API.md): the index makes a second one impossible, even from two requests at once.
        e.HasIndex(a => new { a.ProjectId, a.BaseRunId, a.HeadRunId }).IsUnique();
        e.Property(a => a.CreatedBy).HasMaxLength(256);
        e.Ignore(a => a.Status);
        e.HasMany(a => a.Decisions).WithOne().HasForeignKey(d => d.UpgradeAuditId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UpgradeCaseDecisionConfiguration : IEntityTypeConfiguration<UpgradeCaseDecision>
{
    public void Configure(EntityTypeBuilder<UpgradeCaseDecision> e)
    {
        // Not "UpgradeAuditDecisions": a retired table of that name may still exist in old databases.
        e.ToTable("UpgradeCaseDecisions");
        e.HasOne(d => d.BenchCase).WithMany().HasForeignKey(d => d.BenchCaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(d => new { d.UpgradeAuditId, d.BenchCaseId }).IsUnique();
        e.Property(d => d.Rationale).HasMaxLength(UpgradeCaseDecision.MaxRationale);
        e.Property(d => d.DecidedBy).HasMaxLength(256);
    }
}
